/**
 * Every wait is bounded by the operation's time, against a real emulator: polls that hang do not
 * stretch a READY wait to the client's retry budget (issue 14).
 */
import { ResourceInitError } from "../../provider/lifecycle/init-error";
import { Harness, serviceInputs, startHarness } from "../support/provider-emulator";

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

describe("waits are bounded by the operation's time", () => {
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
