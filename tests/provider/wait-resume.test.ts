/**
 * A wait that timed out resumes on the next update, against a real emulator: an endpoint left
 * PENDING_ACCEPT waits (and fails) again until it is READY, and a service recorded PROVISIONING waits
 * for READY (issue 14).
 */
import { ResourceInitError } from "../../provider/lifecycle/init-error";
import { endpointInputs, Harness, serviceInputs, startHarness } from "../support/provider-emulator";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.reset();
  h.context.messages.length = 0;
});

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a timed-out wait resumes on the next update", () => {
  it("update of an endpoint left PENDING_ACCEPT waits again, fails again, then succeeds once READY", async () => {
    await h.admin.setDelays({ endpointProvisioningMs: 200 });
    const service = await h.services.create(serviceInputs());
    const inputs = endpointInputs(service.id, { readyTimeoutSeconds: 1 });
    const create = h.endpoints.create(inputs);
    await later(50);
    const [endpoint] = (await h.admin.state()).endpoints;
    await h.admin.forcePhase(endpoint.id as string, "PENDING_ACCEPT");
    const first = await create.catch((e) => e);
    expect(first).toBeInstanceOf(ResourceInitError);

    const second = await h.endpoints.update(first.id, first.properties, inputs).catch((e) => e);
    expect(second).toBeInstanceOf(ResourceInitError);
    expect(second.message).toContain("still PENDING_ACCEPT after 1s");

    await h.admin.forcePhase(endpoint.id as string, null);
    const third = await h.endpoints.update(first.id, second.properties, inputs);
    expect(third.outs).toMatchObject({ phase: "READY" });
  });

  it("update of a service recorded PROVISIONING waits for READY", async () => {
    const created = await h.services.create(serviceInputs());
    await h.admin.forcePhase(created.id, "PROVISIONING");
    const update = h.services.update(
      created.id,
      { ...created.outs!, phase: "PROVISIONING" },
      serviceInputs(),
    );
    await later(150);
    await h.admin.forcePhase(created.id, null);
    expect((await update).outs).toMatchObject({ phase: "READY" });
  });
});
