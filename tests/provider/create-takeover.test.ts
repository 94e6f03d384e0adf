/**
 * The create-path defects of issue 26 item 1, each as found by fault injection, against a real
 * emulator: a competitor's object taken for ours, an object made by us left in no state and named in
 * no error, and a second endpoint made beside a FAILED one of ours.
 */
import { ResourceInitError } from "../../provider/resources/init-error";
import {
  CreateHarness,
  later,
  OURS,
  postsSeen,
  rivalEndpoint,
  rivalService,
  startCreateHarness,
} from "../support/create-race";
import { endpointInputs, serviceInputs, TARGET } from "../support/provider-emulator";

// A process learns the server's clock anew after the skew tests move it: up to 8 probes, a second apart.
jest.setTimeout(30_000);

let h: CreateHarness;
beforeAll(async () => {
  h = await startCreateHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.reset();
  h.context.messages.length = 0;
  h.context.listLagMs = 150;
  h.context.recoveryPatienceMs = 5_000;
});

const stateIds = async (kind: "services" | "endpoints") => (await h.admin.state())[kind].map((o) => o.id);

/** The error names the object and how to adopt it. */
function expectNamed(err: unknown, id: string) {
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toContain(id);
  expect((err as Error).message).toContain(`adoptExistingId: "${id}"`);
}

describe("another stack's create between our retries is never taken for ours", () => {
  it.each([
    ["a gateway's 503 on our first POST", { errors: { count: 1, status: 503, methods: ["POST"] } }],
    ["a reset before our first POST was read", { resetConnections: 1 }],
  ])(
    "service, after %s: the create fails naming the other service, which stays theirs",
    async (_, faults) => {
      const inputs = serviceInputs();
      await h.client.snapshot("service", TARGET.environment.id, { network: TARGET.network.id }, 5000);
      await h.admin.resetCounters();
      await h.admin.setFaults({ ...faults, onlyKey: OURS });
      const ours = h.services.create(inputs).catch((e) => e);
      await postsSeen(h.admin, "network-link-services", 1);
      await later(150);
      const theirs = await rivalService(h.rival, inputs);
      const result = await ours;
      expect(result.id).not.toBe(theirs.id);
      expect(result).not.toBeInstanceOf(ResourceInitError);
      expectNamed(result, theirs.id);
      expect(await stateIds("services")).toEqual([theirs.id]);
    },
  );

  it("endpoint, after a 503 on our first POST: the create fails naming the other endpoint", async () => {
    const service = await h.services.create(serviceInputs());
    const inputs = endpointInputs(service.id);
    await h.admin.resetCounters();
    await h.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] }, onlyKey: OURS });
    const ours = h.endpoints.create(inputs).catch((e) => e);
    await postsSeen(h.admin, "network-link-endpoints", 1);
    await later(150);
    const theirs = await rivalEndpoint(h.rival, inputs);
    const result = await ours;
    expect(result.id).not.toBe(theirs.id);
    expectNamed(result, theirs.id);
    expect(await stateIds("endpoints")).toEqual([theirs.id]);
  });
});

describe("an object made before our first POST is never taken for ours", () => {
  it("another stack's service, not yet listed when our snapshot was read, and our POST a 503", async () => {
    const inputs = serviceInputs();
    await h.admin.setFaults({ listLagMs: 120, onlyKey: OURS });
    const theirs = await rivalService(h.rival, inputs);
    await later(50);
    await h.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] } });
    const result = await h.services.create(inputs).catch((e) => e);
    expect(result.id).not.toBe(theirs.id);
    expectNamed(result, theirs.id);
    expect(await stateIds("services")).toEqual([theirs.id]);
  });
});

describe("an object our lost POST made is recorded or named, whatever the recovery reads meet", () => {
  /** The pre-POST snapshot read before the faults, so that they meet only the POST and what follows. */
  const primed = () =>
    h.client.snapshot("service", TARGET.environment.id, { network: TARGET.network.id }, 5000);

  it("one 403 on the recovery list", async () => {
    await primed();
    await h.admin.setFaults({ dropCreateResponses: 1, errors: { count: 1, status: 403, methods: ["GET"] } });
    const made = await h.services.create(serviceInputs());
    expect(await stateIds("services")).toEqual([made.id]);
  });

  it("503 on every list for 8 s", async () => {
    h.context.recoveryPatienceMs = 20_000;
    await primed();
    await h.admin.setFaults({ dropCreateResponses: 1, errors: { status: 503, methods: ["GET"] } });
    const clear = later(8_000).then(() => h.admin.setFaults({ errors: null }));
    const made = await h.services.create(serviceInputs());
    await clear;
    expect(await stateIds("services")).toEqual([made.id]);
  }, 30_000);

  it.each([
    ["a 2xx body a gateway replaced with {message: accepted}", "message-body"],
    ["a 2xx body without status", "no-status-body"],
  ] as const)("%s", async (_, answer) => {
    await h.admin.setFaults({ createFaults: [{ answer }] });
    const made = await h.services.create(serviceInputs());
    expect(await stateIds("services")).toEqual([made.id]);
    expect(made.outs?.phase).toBe("READY");
  });

  it("a list that omits the new object for 3 s", async () => {
    h.context.listLagMs = 3_500;
    await h.admin.setFaults({ dropCreateResponses: 1, listLagMs: 3_000 });
    const made = await h.services.create(serviceInputs());
    expect(await stateIds("services")).toEqual([made.id]);
  }, 20_000);
});

it("an endpoint our lost POST made that went FAILED at once is recorded, and no second one is made", async () => {
  const service = await h.services.create(serviceInputs());
  await h.admin.setFaults({ createFaults: [{ phase: "FAILED", answer: "drop" }] });
  const err = await h.endpoints.create(endpointInputs(service.id)).catch((e) => e);
  const endpoints = await stateIds("endpoints");
  expect(endpoints).toHaveLength(1);
  expect(err).toBeInstanceOf(ResourceInitError);
  expect(err.id).toBe(endpoints[0]);
  expect(err.message).toContain("FAILED");
});

describe("with the server's clock 90 s off ours", () => {
  it.each([-90_000, 90_000])(
    "skew %i ms: our lost answer is recorded, a later rival's is refused",
    async (skew) => {
      await h.admin.setFaults({ clockSkewMs: skew, dropCreateResponses: 1 });
      const made = await h.services.create(serviceInputs());
      expect(await stateIds("services")).toEqual([made.id]);

      const service = made.id as string;
      const inputs = endpointInputs(service);
      await h.admin.resetCounters();
      await h.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] }, onlyKey: OURS });
      const ours = h.endpoints.create(inputs).catch((e) => e);
      await postsSeen(h.admin, "network-link-endpoints", 1);
      await later(150);
      const theirs = await rivalEndpoint(h.rival, inputs);
      const result = await ours;
      expect(result.id).not.toBe(theirs.id);
      expectNamed(result, theirs.id);
    },
    30_000,
  );
});
