/**
 * A create never takes another stack's object for its own, against a real emulator: whether the
 * other object was made between our retries, before our first POST, or under a skewed server clock,
 * our create fails naming it and how to adopt it, and the object stays theirs. Each case was found by
 * fault injection (the create-path faults of issue 26 item 1).
 */
import { ResourceInitError } from "../../provider/lifecycle/init-error";
import {
  CreateHarness,
  later,
  OURS,
  postsSeen,
  rivalEndpoint,
  resetCreateHarness,
  rivalService,
  startCreateHarness,
  stateIds,
} from "../support/create-race";
import { endpointInputs, Harness, serviceInputs, startHarness, TARGET } from "../support/provider-emulator";

// A process learns the server's clock anew after the skew tests move it: up to 8 probes, a second apart.
jest.setTimeout(30_000);

let h: CreateHarness;
beforeAll(async () => {
  h = await startCreateHarness();
});
afterAll(() => h.close());
beforeEach(() => resetCreateHarness(h));

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
      await h.client.snapshot("service", TARGET.environment.id, {
        slot: { network: TARGET.network.id },
        maxAgeMs: 5000,
      });
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
      expect(await stateIds(h, "services")).toEqual([theirs.id]);
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
    expect(await stateIds(h, "endpoints")).toEqual([theirs.id]);
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
    expect(await stateIds(h, "services")).toEqual([theirs.id]);
  });
});

describe("with the server's clock 90 s off ours", () => {
  it.each([-90_000, 90_000])(
    "skew %i ms: our lost answer is recorded, a later rival's is refused",
    async (skew) => {
      await h.admin.setFaults({ clockSkewMs: skew, dropCreateResponses: 1 });
      const made = await h.services.create(serviceInputs());
      expect(await stateIds(h, "services")).toEqual([made.id]);

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

describe("an object of another stack with our key, there before our retried POST, is named and never taken", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.admin.reset();
    h.context.messages.length = 0;
  });

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
});
