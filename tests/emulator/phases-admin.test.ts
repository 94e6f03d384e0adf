import { request as httpRequest } from "node:http";
import {
  endpointBody,
  NLE,
  NLS,
  serviceBody,
  sleep,
  startHarness,
  type Harness,
} from "../support/emulator-api";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.admin.reset());

const A = "env-aaaaa1";
const B = "env-bbbbb1";
const getNls = async (id: string) => h.call("GET", `${NLS}/${id}?environment=${A}`);

describe("phases on a clock", () => {
  test("phase: service is PROVISIONING for serviceProvisioningMs, then READY", async () => {
    // Phases follow the clock: the check compares with the time elapsed, so a slow machine cannot fail it.
    await h.admin.setDelays({ serviceProvisioningMs: 400 });
    const start = Date.now();
    const created = await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"));
    expect(created.body.status.phase).toBe("PROVISIONING");
    const again = (await getNls(created.body.id)).body.status.phase;
    expect(again).toBe(Date.now() - start < 400 ? "PROVISIONING" : "READY");
    await sleep(450);
    expect((await getNls(created.body.id)).body.status.phase).toBe("READY");
  });

  test("phase: endpoint is PROVISIONING for endpointProvisioningMs, then READY", async () => {
    await h.admin.setDelays({ endpointProvisioningMs: 150 });
    const nls = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1", { environments: [B] }))).body.id;
    const nle = (await h.call("POST", NLE, endpointBody(B, "n-bbbbb1", nls))).body;
    expect(nle.status.phase).toBe("PROVISIONING");
    await sleep(200);
    expect((await h.call("GET", `${NLE}/${nle.id}?environment=${B}`)).body.status.phase).toBe("READY");
  });

  test("phase: delete shows DEPROVISIONING (GET and list) for deprovisioningMs, then 404", async () => {
    await h.admin.setDelays({ deprovisioningMs: 150 });
    const id = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body.id;
    expect((await h.call("DELETE", `${NLS}/${id}?environment=${A}`)).status).toBe(204);
    const during = await getNls(id);
    expect(during.body.status.phase).toBe("DEPROVISIONING");
    expect(during.body.metadata.deleted_at).toBeDefined();
    const list = await h.call("GET", `${NLS}?environment=${A}&status.phase=DEPROVISIONING`);
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([id]);
    // A second DELETE during deprovisioning is accepted and does not restart the clock.
    expect((await h.call("DELETE", `${NLS}/${id}?environment=${A}`)).status).toBe(204);
    const patch = await h.call("PATCH", `${NLS}/${id}`, {
      spec: { environment: { id: A }, display_name: "x" },
    });
    expect(patch.status).toBe(409);
    await sleep(200);
    expect((await getNls(id)).status).toBe(404);
    expect((await h.call("GET", `${NLS}?environment=${A}`)).body.data).toEqual([]);
  });

  test("phase: a delay of 0 means the next read already shows the settled phase", async () => {
    const id = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body.id;
    expect((await getNls(id)).body.status.phase).toBe("READY");
    await h.call("DELETE", `${NLS}/${id}?environment=${A}`);
    expect((await getNls(id)).status).toBe(404);
  });

  test("phase: delays change at run time through PUT /_emulator/delays and apply to new resources", async () => {
    const before = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body.id;
    const delays = await h.admin.setDelays({ serviceProvisioningMs: 10_000 });
    expect(delays.serviceProvisioningMs).toBe(10_000);
    const after = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa2"))).body.id;
    expect((await getNls(before)).body.status.phase).toBe("READY");
    expect((await getNls(after)).body.status.phase).toBe("PROVISIONING");
  });
});

describe("admin API", () => {
  test("admin: reset drops resources and keeps seeds; keepSeed:false drops seeds too; seed is additive", async () => {
    await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"));
    await h.admin.reset();
    let state = await h.admin.state();
    expect(state.services).toEqual([]);
    expect(state.networks.length).toBe(11);
    await h.admin.reset({ keepSeed: false });
    state = await h.admin.state();
    expect(state.environments).toEqual([]);
    await h.admin.seed({
      environments: [{ id: "env-ccccc1", networks: [{ id: "n-ccccc1", kafka_clusters: 0 }] }],
    });
    await h.admin.seed({
      organization_id: "org-2",
      environments: [{ id: "env-ccccc1", networks: [{ id: "n-ccccc2" }] }],
    });
    state = await h.admin.state();
    expect(state.organization_id).toBe("org-2");
    // A network seeded without a region is AWS ca-central-1 over PrivateLink, named by its ID.
    const seeded = { cloud: "AWS", region: "ca-central-1", connection_types: ["PRIVATELINK"] };
    expect(state.networks).toEqual([
      { id: "n-ccccc1", environment: "env-ccccc1", kafka_clusters: 0, display_name: "n-ccccc1", ...seeded },
      { id: "n-ccccc2", environment: "env-ccccc1", kafka_clusters: 1, display_name: "n-ccccc2", ...seeded },
    ]);
    await h.admin.reset({ keepSeed: false });
    await h.admin.seed({
      organization_id: "org-test",
      environments: [
        {
          id: A,
          networks: ["n-aaaaa1", "n-aaaaa2", "n-aaaaa3", "n-aaaaa4", "n-aaaaa5"].map((id) => ({ id })),
        },
        { id: B, networks: [1, 2, 3, 4, 5, 6].map((i) => ({ id: `n-bbbbb${i}` })) },
      ],
    });
  });

  test("admin: forcePhase pins a sticky phase with error_code/error_message; null releases it", async () => {
    const id = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body.id;
    await h.admin.forcePhase(id, "FAILED", { error_code: "E42", error_message: "boom" });
    expect((await getNls(id)).body.status).toEqual({
      phase: "FAILED",
      error_code: "E42",
      error_message: "boom",
    });
    await h.call("PATCH", `${NLS}/${id}`, { spec: { environment: { id: A }, display_name: "still failed" } });
    expect((await getNls(id)).body.status.phase).toBe("FAILED");
    await h.admin.forcePhase(id, null);
    expect((await getNls(id)).body.status).toEqual({ phase: "READY" });
    await expect(h.admin.forcePhase("nls-nothere", "FAILED")).rejects.toThrow(/404/);
  });

  test("admin: deleteOutOfBand removes a resource immediately", async () => {
    const id = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body.id;
    await h.admin.deleteOutOfBand(id);
    expect((await getNls(id)).status).toBe(404);
  });

  test("admin: counters count networking requests by route (admin calls are not counted)", async () => {
    await h.admin.resetCounters();
    const id = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body.id;
    await getNls(id);
    await getNls(id);
    await h.admin.state();
    const counters = await h.admin.counters();
    expect(counters).toEqual({
      total: 3,
      reads: 2,
      writes: 1,
      byRoute: {
        "POST /networking/v1/network-link-services": 1,
        "GET /networking/v1/network-link-services/:id": 2,
      },
    });
    await h.admin.resetCounters();
    expect((await h.admin.counters()).total).toBe(0);
  });

  test("admin: state renders services and endpoints as the API does, plus networks", async () => {
    const nls = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1", { environments: [B] }))).body;
    const nle = (await h.call("POST", NLE, endpointBody(B, "n-bbbbb1", nls.id))).body;
    const state = await h.admin.state();
    expect(state.services).toEqual([{ ...nls, metadata: expect.any(Object) }]);
    expect(state.endpoints[0]).toMatchObject({ id: nle.id, status: { phase: "READY" } });
  });
});

describe("faults", () => {
  test("fault: rate limit answers 429 with Retry-After (integer >= 1) and X-RateLimit-* headers", async () => {
    await h.admin.setFaults({ rateLimit: { requestsPerSecond: 3 } });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof h.call>> | undefined;
    for (let i = 0; i < 6; i++) {
      const r = await h.call("GET", `${NLS}?environment=${A}`);
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get("x-ratelimit-limit")).toBe("3");
    expect(limited!.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(limited!.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    await h.admin.clearFaults();
    expect((await h.call("GET", `${NLS}?environment=${A}`)).status).toBe(200);
  });

  test("fault: errors with count, status and methods fail only the matching requests", async () => {
    await h.admin.setFaults({ errors: { count: 2, status: 500, methods: ["POST"] } });
    expect((await h.call("GET", `${NLS}?environment=${A}`)).status).toBe(200);
    expect((await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).status).toBe(500);
    const second = await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"));
    expect(second.status).toBe(500);
    expect(second.body.errors[0].code).toBe("internal_error");
    expect((await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).status).toBe(202);
    // Nothing was created by the failed attempts.
    expect((await h.call("GET", `${NLS}?environment=${A}`)).body.data).toHaveLength(1);
  });

  test("fault: errors with a fraction fail about that share of requests (default status 503)", async () => {
    await h.admin.setFaults({ errors: { fraction: 0.5 } });
    const statuses = [];
    for (let i = 0; i < 60; i++) statuses.push((await h.call("GET", `${NLS}?environment=${A}`)).status);
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });

  test("fault: latencyMs delays every API request", async () => {
    await h.admin.setFaults({ latencyMs: 120 });
    const start = Date.now();
    await h.call("GET", `${NLS}?environment=${A}`);
    expect(Date.now() - start).toBeGreaterThanOrEqual(110);
  });

  test("fault: dropCreateResponses commits the create, then destroys the socket unanswered", async () => {
    await h.admin.setFaults({ dropCreateResponses: 1 });
    await expect(h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).rejects.toThrow();
    const list = await h.call("GET", `${NLS}?environment=${A}`);
    expect(list.body.data).toHaveLength(1);
    expect((await h.call("POST", NLS, serviceBody(A, "n-aaaaa2"))).status).toBe(202);
  });

  test("fault: resetConnections destroys the socket before doing anything", async () => {
    await h.admin.setFaults({ resetConnections: 1 });
    const outcome = await new Promise<string>((resolve) => {
      const url = new URL(`${NLS}?environment=${A}`, h.emulator.url);
      const req = httpRequest(url, { agent: false }, () => resolve("answered"));
      req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      req.end();
    });
    expect(outcome).toMatch(/ECONNRESET|socket hang up|error/);
    expect((await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).status).toBe(202);
    expect((await h.call("GET", `${NLS}?environment=${A}`)).body.data).toHaveLength(1);
  });

  test("fault: the admin API is never subject to faults", async () => {
    await h.admin.setFaults({ errors: {}, rateLimit: { requestsPerSecond: 1 } });
    for (let i = 0; i < 5; i++) await h.admin.state();
    await h.admin.clearFaults();
  });
});
