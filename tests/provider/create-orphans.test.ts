/**
 * An object our create made is never left out of the state, against a real emulator: a POST whose
 * answer is lost is found again (once, never made twice), whatever the recovery reads meet; once the
 * object exists, every later failure is an initialization error that keeps its ID; and an endpoint
 * that went FAILED is recorded rather than made again. Found by fault injection (issue 14, issue 26
 * item 1).
 */
import { ResourceInitError } from "../../provider/lifecycle/init-error";
import {
  CreateHarness,
  later,
  resetCreateHarness,
  startCreateHarness,
  stateIds,
} from "../support/create-race";
import { endpointInputs, Harness, serviceInputs, startHarness, TARGET } from "../support/provider-emulator";

// The recovery cases wait seconds for a list to show the object made.
jest.setTimeout(30_000);

describe("with the create path's recovery faults (create-race harness)", () => {
  let h: CreateHarness;
  beforeAll(async () => {
    h = await startCreateHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => resetCreateHarness(h));

  describe("an object our lost POST made is recorded or named, whatever the recovery reads meet", () => {
    /** The pre-POST snapshot read before the faults, so that they meet only the POST and what follows. */
    const primed = () =>
      h.client.snapshot("service", TARGET.environment.id, {
        slot: { network: TARGET.network.id },
        maxAgeMs: 5000,
      });

    it("one 403 on the recovery list", async () => {
      await primed();
      await h.admin.setFaults({
        dropCreateResponses: 1,
        errors: { count: 1, status: 403, methods: ["GET"] },
      });
      const made = await h.services.create(serviceInputs());
      expect(await stateIds(h, "services")).toEqual([made.id]);
    });

    it("503 on every list for 8 s", async () => {
      h.context.recoveryPatienceMs = 20_000;
      await primed();
      await h.admin.setFaults({ dropCreateResponses: 1, errors: { status: 503, methods: ["GET"] } });
      const clear = later(8_000).then(() => h.admin.setFaults({ errors: null }));
      const made = await h.services.create(serviceInputs());
      await clear;
      expect(await stateIds(h, "services")).toEqual([made.id]);
    }, 30_000);

    it.each([
      ["a 2xx body a gateway replaced with {message: accepted}", "message-body"],
      ["a 2xx body without status", "no-status-body"],
    ] as const)("%s", async (_, answer) => {
      await h.admin.setFaults({ createFaults: [{ answer }] });
      const made = await h.services.create(serviceInputs());
      expect(await stateIds(h, "services")).toEqual([made.id]);
      expect(made.outs?.phase).toBe("READY");
    });

    it("a list that omits the new object for 3 s", async () => {
      h.context.listLagMs = 3_500;
      await h.admin.setFaults({ dropCreateResponses: 1, listLagMs: 3_000 });
      const made = await h.services.create(serviceInputs());
      expect(await stateIds(h, "services")).toEqual([made.id]);
    }, 20_000);
  });

  it("an endpoint our lost POST made that went FAILED at once is recorded, and no second one is made", async () => {
    const service = await h.services.create(serviceInputs());
    await h.admin.setFaults({ createFaults: [{ phase: "FAILED", answer: "drop" }] });
    const err = await h.endpoints.create(endpointInputs(service.id)).catch((e) => e);
    const endpoints = await stateIds(h, "endpoints");
    expect(endpoints).toHaveLength(1);
    expect(err).toBeInstanceOf(ResourceInitError);
    expect(err.id).toBe(endpoints[0]);
    expect(err.message).toContain("FAILED");
  });
});

describe("with a plain emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.admin.reset();
    h.context.messages.length = 0;
  });

  it("a lost response to our own POST is still found, and only once", async () => {
    const service = await h.services.create(serviceInputs());
    await h.admin.setFaults({ dropCreateResponses: 1 });
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    expect((await h.admin.state()).endpoints.map((e) => e.id)).toEqual([endpoint.id]);
  });

  it("a lost create response is found again instead of being created twice", async () => {
    await h.admin.setFaults({ dropCreateResponses: 1 });
    await h.admin.resetCounters();
    const service = await h.services.create(serviceInputs());
    const counters = await h.admin.counters();
    expect(counters.byRoute["POST /networking/v1/network-link-services"]).toBe(1);
    expect((await h.admin.state()).services.map((s) => s.id)).toEqual([service.id]);
  });

  describe("once the object exists, every failure keeps its ID", () => {
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
});
