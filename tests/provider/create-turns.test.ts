import { objectsInSlot, postObject } from "../../provider/lifecycle/object-calls";
import { serviceSpec } from "../../provider/lifecycle/service-spec";
import { Harness, serviceInputs, startHarness, TARGET } from "../support/provider-emulator";

// Under a rate limit, whose request goes first. A service's create (its snapshot and its POST) takes
// the "release" turn: every endpoint of that service waits its whole provisioning after it, so it
// must not queue behind other writes.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.admin.reset({ keepSeed: true }));

/** Six writes already queued in the pacer (the same key's), as other creates' POSTs would be. */
function queuedWrites(done: string[]): Promise<unknown>[] {
  return Array.from({ length: 6 }, (_, i) =>
    h.client.getNetwork(TARGET.environment.id, TARGET.network.id, { urgency: "write" }).then(() => {
      done.push(`write ${i}`);
    }),
  );
}

async function orderUnderLimit(step: () => Promise<unknown>): Promise<number> {
  await h.admin.setFaults({ rateLimit: { requestsPerSecond: 2 } });
  try {
    const done: string[] = [];
    const queued = queuedWrites(done);
    const own = step().then(() => done.push("ours"));
    await Promise.all([...queued, own]);
    return done.indexOf("ours");
  } finally {
    await h.admin.clearFaults();
  }
}

describe("a create's turn in the pacer", () => {
  it("a service's snapshot and POST go ahead of writes queued before them", async () => {
    const inputs = serviceInputs();
    const index = await orderUnderLimit(async () => {
      await objectsInSlot(serviceSpec, h.client, inputs, { shared: true });
      await postObject(serviceSpec, h.client, inputs);
    });
    // Behind at most the requests sent while the pacer learned the limit; last (6) if it queued.
    expect(index).toBeLessThan(3);
  });
});
