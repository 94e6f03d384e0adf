import type { Urgency } from "../../provider/client/pacer";
import { objectsInSlot, postObject } from "../../provider/lifecycle/object-calls";
import { endpointSpec } from "../../provider/lifecycle/endpoint-spec";
import { serviceSpec } from "../../provider/lifecycle/service-spec";
import { endpointInputs, Harness, serviceInputs, startHarness, TARGET } from "../support/provider-emulator";

// Under a rate limit, whose request goes first. A service's create (its snapshot and its POST) takes
// the "start" turn: every endpoint of that service waits its whole provisioning after it, so it must
// not queue behind other writes, nor behind the READY polls of services made before it (which release
// their own endpoints, but none of them can see this service READY before it exists).

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.admin.reset({ keepSeed: true }));

/** Six requests already queued in the pacer (the same key's), as other creates' would be. */
function queued(done: string[], urgency: Urgency): Promise<unknown>[] {
  return Array.from({ length: 6 }, (_, i) =>
    h.client.getNetwork(TARGET.environment.id, TARGET.network.id, { urgency }).then(() => {
      done.push(`${urgency} ${i}`);
    }),
  );
}

/** Runs `fn` with the emulator limited to 2 requests/s. */
async function underLimit<T>(fn: () => Promise<T>): Promise<T> {
  await h.admin.setFaults({ rateLimit: { requestsPerSecond: 2 } });
  try {
    return await fn();
  } finally {
    await h.admin.clearFaults();
  }
}

function orderUnderLimit(step: () => Promise<unknown>, urgency: Urgency = "write"): Promise<number> {
  return underLimit(async () => {
    const done: string[] = [];
    const queuedBefore = queued(done, urgency);
    const own = step().then(() => done.push("ours"));
    await Promise.all([...queuedBefore, own]);
    return done.indexOf("ours");
  });
}

describe("a create's turn in the pacer", () => {
  const create =
    (inputs = serviceInputs()) =>
    async () => {
      await objectsInSlot(serviceSpec, h.client, inputs, { shared: true });
      await postObject(serviceSpec, h.client, inputs);
    };

  it("a service's snapshot and POST go ahead of writes queued before them", async () => {
    // Behind at most the requests sent while the pacer learned the limit; last (6) if it queued.
    expect(await orderUnderLimit(create())).toBeLessThan(3);
  });

  it("a service's snapshot and POST go ahead of the READY polls of services queued before them", async () => {
    expect(await orderUnderLimit(create(), serviceSpec.pollUrgency)).toBeLessThan(3);
  });

  it("an endpoint's POST is not overtaken by READY polls of services queued after it", async () => {
    // The endpoint already holds one of the engine's slots for its whole provisioning; a poll that
    // sees another service READY only adds creates that queue behind it. As a plain write, the POST
    // was overtaken by all six polls queued after it.
    const service = await postObject(serviceSpec, h.client, serviceInputs());
    const done: string[] = [];
    await underLimit(async () => {
      // The pacer learns the limit and the budget runs down, so that what follows has to queue.
      for (let i = 0; i < 3; i++) await h.client.getNetwork(TARGET.environment.id, TARGET.network.id);
      const own = postObject(endpointSpec, h.client, endpointInputs(service.id)).then(() =>
        done.push("ours"),
      );
      // Queued a moment later: the POST is waiting for a token by then (the budget refills at 2/s).
      await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.all([own, ...queued(done, serviceSpec.pollUrgency ?? "poll")]);
    });
    expect(done.indexOf("ours")).toBe(0);
  });
});
