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

async function service(
  network: string,
  accept: { environments?: string[]; networks?: string[] } = {},
  env = A,
) {
  const r = await h.call("POST", NLS, serviceBody(env, network, { environments: [B], ...accept }));
  expect(r.status).toBe(202);
  return r.body.id as string;
}

async function endpoint(network: string, nls: string, env = B) {
  return h.call("POST", NLE, endpointBody(env, network, nls));
}

const phaseOf = async (id: string, env = B) =>
  (await h.call("GET", `${NLE}/${id}?environment=${env}`)).body.status;

describe("existence and scoping", () => {
  test("rule: environments and networks must exist (seeded) to create a service", async () => {
    const noEnv = await h.call("POST", NLS, serviceBody("env-nothere", "n-aaaaa1"));
    expect(noEnv.status).toBe(422);
    expect(noEnv.body.errors[0].source).toEqual({ pointer: "/spec/environment/id" });
    const noNet = await h.call("POST", NLS, serviceBody(A, "n-nothere"));
    expect(noNet.status).toBe(422);
    expect(noNet.body.errors[0].source).toEqual({ pointer: "/spec/network/id" });
    const otherEnv = await h.call("POST", NLS, serviceBody(A, "n-bbbbb1"));
    expect(otherEnv.status).toBe(422);
    expect(otherEnv.body.errors[0].detail).toBe(
      "The network n-bbbbb1 was not found in environment env-aaaaa1.",
    );
  });

  test("rule: environment query parameter is required on list, get and delete (400 with source.parameter)", async () => {
    const id = await service("n-aaaaa1");
    for (const [method, path] of [
      ["GET", NLS],
      ["GET", `${NLS}/${id}`],
      ["DELETE", `${NLS}/${id}`],
      ["GET", NLE],
      ["GET", `${NLE}/nle-abcdef`],
      ["DELETE", `${NLE}/nle-abcdef`],
    ]) {
      const r = await h.call(method, path);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].source).toEqual({ parameter: "environment" });
    }
  });

  test("rule: an ID that exists in another environment is a 404 with the API's not-found text", async () => {
    const nls = await service("n-aaaaa1");
    const nle = (await endpoint("n-bbbbb1", nls)).body.id;
    const wrongNls = await h.call("GET", `${NLS}/${nls}?environment=${B}`);
    expect(wrongNls.status).toBe(404);
    expect(wrongNls.body.errors[0].detail).toBe(`The network link service ${nls} was not found.`);
    const wrongNle = await h.call("DELETE", `${NLE}/${nle}?environment=${A}`);
    expect(wrongNle.status).toBe(404);
    expect(wrongNle.body.errors[0].detail).toBe(`The network link endpoint ${nle} was not found.`);
    const patch = await h.call("PATCH", `${NLE}/${nle}`, {
      spec: { environment: { id: A }, description: "x" },
    });
    expect(patch.status).toBe(404);
    expect((await h.call("GET", `${NLE}/${nle}?environment=${B}`)).body.spec.description).toBe("");
  });

  test("rule: PATCH needs spec.environment.id in the body and cannot change network or network_link_service", async () => {
    const nls = await service("n-aaaaa1");
    const nle = (await endpoint("n-bbbbb1", nls)).body.id;
    const noEnv = await h.call("PATCH", `${NLS}/${nls}`, { spec: { display_name: "x" } });
    expect(noEnv.status).toBe(400);
    expect(noEnv.body.errors[0].source.pointer).toBe("/spec/environment");
    const net = await h.call("PATCH", `${NLS}/${nls}`, {
      spec: { environment: { id: A }, network: { id: "n-aaaaa2" } },
    });
    expect(net.status).toBe(400);
    expect(net.body.errors[0].source.pointer).toBe("/spec/network");
    const svc = await h.call("PATCH", `${NLE}/${nle}`, {
      spec: { environment: { id: B }, network_link_service: { id: nls } },
    });
    expect(svc.status).toBe(400);
    expect(svc.body.errors[0].source.pointer).toBe("/spec/network_link_service");
    const accept = await h.call("PATCH", `${NLE}/${nle}`, { spec: { environment: { id: B }, accept: {} } });
    expect(accept.status).toBe(400);
    expect(accept.body.errors[0].source.pointer).toBe("/spec/accept");
  });
});

describe("limits (per network: 409 as Confluent's CLI test server; per organization: 402 quota_exceeded)", () => {
  test("rule: at most 1 network link service per network (409 with the CLI test server's text)", async () => {
    await service("n-aaaaa1");
    const r = await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"));
    expect(r.status).toBe(409);
    expect(r.body.errors[0]).toMatchObject({
      code: "resource_conflict",
      detail: "Exceeds the maximum number of network link service (1) supported per network.",
      source: { pointer: "/spec/network/id" },
    });
  });

  test("rule: at most 5 network link endpoints per network", async () => {
    const services = [];
    for (const n of ["n-aaaaa1", "n-aaaaa2", "n-aaaaa3", "n-aaaaa4", "n-aaaaa5", "n-bbbbb6"]) {
      services.push(await service(n, {}, n.startsWith("n-a") ? A : B));
    }
    for (const nls of services.slice(0, 5)) expect((await endpoint("n-bbbbb1", nls)).status).toBe(202);
    const r = await endpoint("n-bbbbb1", services[5]);
    expect(r.status).toBe(409);
    expect(r.body.errors[0]).toMatchObject({
      code: "resource_conflict",
      detail: "Exceeds the maximum number of network link endpoints (5) supported per network.",
    });
  });

  test("rule: at most 20 network links (endpoints) per organization", async () => {
    const services = [];
    for (const n of ["n-aaaaa1", "n-aaaaa2", "n-aaaaa3", "n-aaaaa4", "n-aaaaa5"])
      services.push(await service(n));
    for (const n of ["n-bbbbb1", "n-bbbbb2", "n-bbbbb3", "n-bbbbb4"]) {
      for (const nls of services) expect((await endpoint(n, nls)).status).toBe(202);
    }
    const r = await endpoint("n-bbbbb5", services[0]);
    expect(r.status).toBe(402);
    expect(r.body.errors[0].detail).toMatch(
      /^The request would exceed the quota: network_links_per_organization\b.*\b20\b/,
    );
  });
});

describe("endpoint rules", () => {
  test("rule: an endpoint needs an existing service, looked up organization-wide (cross-environment links work)", async () => {
    const missing = await endpoint("n-bbbbb1", "nls-zzzzzz");
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].source).toEqual({ pointer: "/spec/network_link_service/id" });
    const nls = await service("n-aaaaa1");
    const cross = await endpoint("n-bbbbb1", nls);
    expect(cross.status).toBe(202);
    expect(cross.body.spec.network_link_service.environment).toBe(A);
  });

  test("rule: endpoint and service in the same network → 409", async () => {
    const nls = await service("n-aaaaa1", { environments: [A] });
    const r = await endpoint("n-aaaaa1", nls, A);
    expect(r.status).toBe(409);
    expect(r.body.errors[0].detail).toBe(
      "Network ID for NetworkLinkEndpoint and NetworkLinkService cannot be the same.",
    );
  });

  test("rule: one live endpoint per (network, service) pair → 409 resource_already_exists with Location", async () => {
    const nls = await service("n-aaaaa1");
    const first = (await endpoint("n-bbbbb1", nls)).body;
    const dup = await endpoint("n-bbbbb1", nls);
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].code).toBe("resource_already_exists");
    expect(dup.body.errors[0].detail).toBe(
      "Cannot have more than 1 active/in provision/pending accept/disconnected NetworkLinkEndpoint attached to the same NetworkLinkService in the same network.",
    );
    expect(dup.headers.get("location")).toBe(first.metadata.self);
    await h.call("DELETE", `${NLE}/${first.id}?environment=${B}`);
    expect((await endpoint("n-bbbbb1", nls)).status).toBe(202);
  });

  test("rule: an endpoint not admitted by accept waits in PENDING_ACCEPT with expires_at, then EXPIRED", async () => {
    await h.admin.setDelays({ pendingAcceptExpiryMs: 150 });
    const nls = await service("n-aaaaa1", { environments: [] });
    const nle = (await endpoint("n-bbbbb1", nls)).body;
    expect(nle.status.phase).toBe("PENDING_ACCEPT");
    expect(Date.parse(nle.status.expires_at)).toBeGreaterThan(Date.now());
    await sleep(200);
    expect((await phaseOf(nle.id)).phase).toBe("EXPIRED");
    // An expired request stays expired even if accepted later, and no longer holds the pair.
    await h.call("PATCH", `${NLS}/${nls}`, {
      spec: { environment: { id: A }, accept: { environments: [B] } },
    });
    expect((await phaseOf(nle.id)).phase).toBe("EXPIRED");
    expect((await endpoint("n-bbbbb1", nls)).status).toBe(202);
  });

  test("rule: an accept-list update that admits a pending endpoint moves it on to READY", async () => {
    const nls = await service("n-aaaaa1", { environments: [] });
    const nle = (await endpoint("n-bbbbb1", nls)).body;
    expect(nle.status.phase).toBe("PENDING_ACCEPT");
    await h.call("PATCH", `${NLS}/${nls}`, {
      spec: { environment: { id: A }, accept: { networks: ["n-bbbbb1"] } },
    });
    const status = await phaseOf(nle.id);
    expect(status.phase).toBe("READY");
    expect(status.expires_at).toBeUndefined();
  });

  test("rule: removing an ID from accept moves the endpoints it admitted to DISCONNECTED, terminal", async () => {
    const nls = await service("n-aaaaa1", { environments: [B], networks: ["n-bbbbb2"] });
    const byEnv = (await endpoint("n-bbbbb1", nls)).body.id;
    const byBoth = (await endpoint("n-bbbbb2", nls)).body.id;
    await h.call("PATCH", `${NLS}/${nls}`, {
      spec: { environment: { id: A }, accept: { environments: [] } },
    });
    expect((await phaseOf(byEnv)).phase).toBe("DISCONNECTED");
    expect((await phaseOf(byBoth)).phase).toBe("READY"); // still admitted by its network entry
    await h.call("PATCH", `${NLS}/${nls}`, {
      spec: { environment: { id: A }, accept: { environments: [B] } },
    });
    expect((await phaseOf(byEnv)).phase).toBe("DISCONNECTED");
    // A disconnected endpoint still holds its (network, service) slot until deleted.
    expect((await endpoint("n-bbbbb1", nls)).status).toBe(409);
    await h.call("DELETE", `${NLE}/${byEnv}?environment=${B}`);
    expect((await endpoint("n-bbbbb1", nls)).status).toBe(202);
  });

  test("rule: an endpoint in a network with zero Kafka clusters settles in INACTIVE, READY once clusters exist", async () => {
    await h.admin.setKafkaClusters("n-bbbbb1", 0);
    const nls = await service("n-aaaaa1");
    const nle = (await endpoint("n-bbbbb1", nls)).body.id;
    expect((await phaseOf(nle)).phase).toBe("INACTIVE");
    await h.admin.setKafkaClusters("n-bbbbb1", 2);
    expect((await phaseOf(nle)).phase).toBe("READY");
    await h.admin.setKafkaClusters("n-bbbbb1", 1);
  });
});

describe("service delete", () => {
  test("rule: deleting a service with live endpoints → 409 listing the blocking endpoint IDs", async () => {
    await h.admin.setKafkaClusters("n-bbbbb3", 0);
    const nls = await service("n-aaaaa1", { networks: [] });
    const ready = (await endpoint("n-bbbbb1", nls)).body.id;
    const inactive = (await endpoint("n-bbbbb3", nls)).body.id;
    const forced = (await endpoint("n-bbbbb2", nls)).body.id;
    await h.admin.forcePhase(forced, "FAILED");
    const r = await h.call("DELETE", `${NLS}/${nls}?environment=${A}`);
    expect(r.status).toBe(409);
    expect(r.body.errors[0].code).toBe("resource_conflict");
    expect(r.body.errors[0].detail).toContain([ready, inactive].sort().join(", "));
    expect(r.body.errors[0].detail).not.toContain(forced);
    expect((await h.call("GET", `${NLS}/${nls}?environment=${A}`)).body.status.phase).toBe("READY");
    await h.admin.setKafkaClusters("n-bbbbb3", 1);
  });

  test("rule: endpoints that are EXPIRED, DISCONNECTED or FAILED do not block a service delete", async () => {
    const nls = await service("n-aaaaa1");
    const nle = (await endpoint("n-bbbbb1", nls)).body.id;
    await h.call("PATCH", `${NLS}/${nls}`, {
      spec: { environment: { id: A }, accept: { environments: [] } },
    });
    expect((await phaseOf(nle)).phase).toBe("DISCONNECTED");
    expect((await h.call("DELETE", `${NLS}/${nls}?environment=${A}`)).status).toBe(204);
    // The orphaned endpoint still renders its (now gone) service reference.
    expect((await h.call("GET", `${NLE}/${nle}?environment=${B}`)).body.spec.network_link_service.id).toBe(
      nls,
    );
  });
});
