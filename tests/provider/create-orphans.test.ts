/**
 * The defects of issue 14 that the provider classes show on their own, against a real emulator:
 * a lost create response never adopts another stack's object, an object that exists keeps its ID
 * through any later failure, a timed-out wait resumes on the next update, every wait is bounded by
 * the operation's time, and the client never builds a path from an ID that is not one.
 */
import { ResourceInitError } from "../../provider/resources/init-error";
import { endpointInputs, Harness, ORIGIN, serviceInputs, startHarness, TARGET } from "../support/provider-emulator";

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

describe("a create whose response is lost never takes another stack's object (defect 1)", () => {
  it("service: a 503 on B's POST fails with the conflict error naming A's service, which stays A's", async () => {
    const a = await h.services.create(serviceInputs());
    await h.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] } });
    const err = await h.services.create(serviceInputs()).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ResourceInitError);
    expect(err.message).toContain(`already has network link service ${a.id}`);
    expect(err.message).toContain(`adoptExistingId: "${a.id}"`);
    expect((await h.admin.state()).services.map((s) => s.id)).toEqual([a.id]);
  });

  it("endpoint: a 503 on B's POST fails with the conflict error naming A's endpoint", async () => {
    const service = await h.services.create(serviceInputs());
    const a = await h.endpoints.create(endpointInputs(service.id));
    await h.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] } });
    const err = await h.endpoints.create(endpointInputs(service.id)).catch((e) => e);
    expect(err.message).toContain(`already has endpoint ${a.id}`);
    expect((await h.admin.state()).endpoints.map((e) => e.id)).toEqual([a.id]);
  });

  it("a lost response to our own POST is still found, and only once", async () => {
    const service = await h.services.create(serviceInputs());
    await h.admin.setFaults({ dropCreateResponses: 1 });
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    expect((await h.admin.state()).endpoints.map((e) => e.id)).toEqual([endpoint.id]);
  });
});

describe("once the object exists, every failure keeps its ID (defect 2)", () => {
  it.each([401, 403, 400])(
    "a %i during the READY wait is an initialization error with the ID",
    async (status) => {
      await h.admin.setDelays({ serviceProvisioningMs: 400 });
      const create = h.services.create(serviceInputs());
      await later(80);
      await h.admin.setFaults({ errors: { status, methods: ["GET"] } });
      const err = await create.catch((e) => e);
      await h.admin.clearFaults();
      const [service] = (await h.admin.state()).services;
      expect(err).toBeInstanceOf(ResourceInitError);
      expect(err.id).toBe(service.id);
      expect(err.properties).toMatchObject({ network: TARGET.network });
    },
  );

  it("an endpoint whose wait fails on a 401 can be deleted from what the error recorded", async () => {
    const service = await h.services.create(serviceInputs());
    await h.admin.setDelays({ endpointProvisioningMs: 400 });
    const create = h.endpoints.create(endpointInputs(service.id));
    await later(80);
    await h.admin.setFaults({ errors: { status: 401, methods: ["GET"] } });
    const err = await create.catch((e) => e);
    await h.admin.clearFaults();
    expect(err).toBeInstanceOf(ResourceInitError);
    await h.endpoints.delete(err.id, err.properties);
    expect((await h.admin.state()).endpoints).toHaveLength(0);
  });
});

describe("a timed-out wait resumes on the next update (defect 3)", () => {
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

describe("waits are bounded by the operation's time (defect 9)", () => {
  it("a READY wait of 1 s whose polls hang ends soon after 1 s, not after the retry budget", async () => {
    await h.admin.setDelays({ serviceProvisioningMs: 60_000 });
    const create = h.services.create(serviceInputs({ readyTimeoutSeconds: 1 }));
    await later(50);
    await h.admin.setFaults({ latencyMs: 3_000 });
    const started = Date.now();
    const err = await create.catch((e) => e);
    const elapsed = Date.now() - started;
    await h.admin.clearFaults();
    expect(err).toBeInstanceOf(ResourceInitError);
    // The client's retry budget here is 20 s; the wait must not use it.
    expect(elapsed).toBeLessThan(6_000);
  });
});

describe("IDs are checked before a path is built (defect 7)", () => {
  it.each(["..", ".", "nls-a/../x", "", "nls-UPPER"])("delete(%j) sends nothing", async (id) => {
    await h.admin.resetCounters();
    await expect(h.client.remove("service", TARGET.environment.id, id)).rejects.toThrow(
      /not a network link service ID/,
    );
    await expect(h.client.read("endpoint", ORIGIN.environment.id, id)).rejects.toThrow(
      /not a network link endpoint ID/,
    );
    expect((await h.admin.counters()).total).toBe(0);
  });

  it("an environment that is not an environment ID is refused too", async () => {
    await expect(h.client.read("service", "env-a&x=1", "nls-abc123")).rejects.toThrow(
      /not an environment ID/,
    );
  });
});

describe("the preflight reads the accept list as it is now (defect 8)", () => {
  it("an endpoint created right after its service's accept update in the same process is admitted", async () => {
    const service = await h.services.create(serviceInputs({ accept: { environments: [], networks: [] } }));
    // A wait elsewhere in the process has just listed the services (max age 500 ms).
    await h.client.poll("service", TARGET.environment.id, service.id);
    await h.services.update(service.id, service.outs!, serviceInputs());
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    expect(endpoint.outs).toMatchObject({ phase: "READY" });
  });
});
