import {
  endpointBody,
  NLE,
  NLS,
  NLSA,
  serviceBody,
  startHarness,
  type Harness,
} from "../support/emulator-api";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.admin.reset());

describe("operations", () => {
  test("create service: 202, full body, Location header, id nls- + 6 lowercase alphanumerics", async () => {
    const r = await h.call("POST", NLS, {
      spec: {
        environment: { id: "env-aaaaa1" },
        network: { id: "n-aaaaa1" },
        display_name: "network-link-service-2",
        description: "Test NL service",
        accept: { environments: ["env-bbbbb1"], networks: ["n-bbbbb1"] },
      },
    });
    expect(r.status).toBe(202);
    expect(r.body.id).toMatch(/^nls-[a-z0-9]{6}$/);
    expect(r.headers.get("location")).toBe(r.body.metadata.self);
    expect(r.body.metadata.self).toBe(`${h.emulator.url}${NLS}/${r.body.id}?environment=env-aaaaa1`);
    expect(r.body.metadata.resource_name).toBe(
      `crn://confluent.cloud/organization=org-test/environment=env-aaaaa1/network=n-aaaaa1/network-link-service=${r.body.id}`,
    );
    expect(r.body.metadata.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(r.body.spec.network.related).toBe(
      `${h.emulator.url}/networking/v1/networks/n-aaaaa1?environment=env-aaaaa1`,
    );
  });

  test("get, update (display_name, description, accept) and delete a service", async () => {
    const created = await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1"));
    const id = created.body.id;
    const got = await h.call("GET", `${NLS}/${id}?environment=env-aaaaa1`);
    expect(got.status).toBe(200);
    expect(got.body.status.phase).toBe("READY");
    const patched = await h.call("PATCH", `${NLS}/${id}`, {
      spec: {
        environment: { id: "env-aaaaa1", related: "", resource_name: "" },
        display_name: "renamed",
        description: "desc",
        accept: { environments: ["env-bbbbb1"], networks: [] },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.spec).toMatchObject({
      display_name: "renamed",
      description: "desc",
      // An emptied list comes back as null, as the real API's recorded updated_nls.json shows.
      accept: { environments: ["env-bbbbb1"], networks: null },
    });
    const partial = await h.call("PATCH", `${NLS}/${id}`, {
      spec: { environment: { id: "env-aaaaa1" }, accept: { networks: ["n-bbbbb2"] } },
    });
    expect(partial.body.spec.accept).toEqual({ environments: ["env-bbbbb1"], networks: ["n-bbbbb2"] });
    expect(partial.body.spec.display_name).toBe("renamed");
    const deleted = await h.call("DELETE", `${NLS}/${id}?environment=env-aaaaa1`);
    expect(deleted.status).toBe(204);
    expect((await h.call("GET", `${NLS}/${id}?environment=env-aaaaa1`)).status).toBe(404);
  });

  test("create, get, update and delete an endpoint", async () => {
    const nls = (
      await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1", { environments: ["env-bbbbb1"] }))
    ).body;
    const created = await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", nls.id));
    expect(created.status).toBe(202);
    expect(created.body.id).toMatch(/^nle-[a-z0-9]{6}$/);
    expect(created.headers.get("location")).toBe(created.body.metadata.self);
    expect(created.body.metadata.resource_name).toBe(
      `crn://confluent.cloud/organization=org-test/environment=env-bbbbb1/network=n-bbbbb1/network-link-endpoint=${created.body.id}`,
    );
    expect(created.body.spec.network_link_service).toMatchObject({ id: nls.id, environment: "env-aaaaa1" });
    const id = created.body.id;
    const patched = await h.call("PATCH", `${NLE}/${id}`, {
      spec: { environment: { id: "env-bbbbb1" }, description: "Updated test NL endpoint" },
    });
    expect(patched.body.spec.description).toBe("Updated test NL endpoint");
    expect((await h.call("GET", `${NLE}/${id}?environment=env-bbbbb1`)).body.status.phase).toBe("READY");
    expect((await h.call("DELETE", `${NLE}/${id}?environment=env-bbbbb1`)).status).toBe(204);
    expect((await h.call("GET", `${NLE}/${id}?environment=env-bbbbb1`)).status).toBe(404);
  });

  test("service associations list and get the endpoints attached to a service", async () => {
    const nls = (
      await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1", { environments: ["env-bbbbb1"] }))
    ).body;
    const nle = (await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", nls.id))).body;
    const list = await h.call("GET", `${NLSA}?environment=env-aaaaa1&spec.network_link_service=${nls.id}`);
    expect(list.status).toBe(200);
    expect(list.body.kind).toBe("NetworkLinkServiceAssociationList");
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({
      id: nle.id,
      kind: "NetworkLinkServiceAssociation",
      spec: {
        network_link_endpoint: nle.id,
        display_name: "nle-n-bbbbb1",
        environment: { id: "env-bbbbb1" },
      },
      status: { phase: "READY" },
    });
    const one = await h.call(
      "GET",
      `${NLSA}/${nle.id}?environment=env-aaaaa1&spec.network_link_service=${nls.id}`,
    );
    expect(one.body.spec.network_link_service.id).toBe(nls.id);
    const missing = await h.call("GET", `${NLSA}?environment=env-aaaaa1`);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].source).toEqual({ parameter: "spec.network_link_service" });
    const filtered = await h.call(
      "GET",
      `${NLSA}?environment=env-aaaaa1&spec.network_link_service=${nls.id}&status.phase=PENDING_ACCEPT`,
    );
    expect(filtered.body.data).toHaveLength(0);
  });
});

describe("lists", () => {
  async function threeServices() {
    const ids: string[] = [];
    for (const n of ["n-aaaaa1", "n-aaaaa2", "n-aaaaa3"]) {
      ids.push((await h.call("POST", NLS, serviceBody("env-aaaaa1", n))).body.id);
    }
    return ids;
  }

  test("pagination: page_size, opaque page_token, absolute next URL on the request host, total_size, first", async () => {
    const ids = await threeServices();
    const first = await h.call("GET", `${NLS}?environment=env-aaaaa1&page_size=2`);
    expect(first.body.metadata.total_size).toBe(3);
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    expect(first.body.metadata.first).toBe(`${h.emulator.url}${NLS}?environment=env-aaaaa1&page_size=2`);
    const next = new URL(first.body.metadata.next);
    expect(`${next.protocol}//${next.host}`).toBe(h.emulator.url);
    const token = next.searchParams.get("page_token");
    expect(token).toBeTruthy();
    const second = await h.call("GET", `${next.pathname}${next.search}`);
    expect(second.body.data.map((s: { id: string }) => s.id)).toEqual(ids.slice(2));
    expect(second.body.metadata.next).toBeUndefined();
  });

  test("pagination: page_size defaults to 10, max 1000, bad tokens are 400", async () => {
    await threeServices();
    expect((await h.call("GET", `${NLS}?environment=env-aaaaa1`)).body.data).toHaveLength(3);
    expect((await h.call("GET", `${NLS}?environment=env-aaaaa1&page_size=1000`)).status).toBe(200);
    for (const bad of ["page_size=1001", "page_size=0", "page_size=abc", "page_token=zzz"]) {
      const r = await h.call("GET", `${NLS}?environment=env-aaaaa1&${bad}`);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].source.parameter).toBe(bad.split("=")[0]);
    }
  });

  test("filters accept repeated keys and comma-joined values", async () => {
    await threeServices();
    const repeated = await h.call(
      "GET",
      `${NLS}?environment=env-aaaaa1&spec.network=n-aaaaa1&spec.network=n-aaaaa3`,
    );
    const joined = await h.call("GET", `${NLS}?environment=env-aaaaa1&spec.network=n-aaaaa1,n-aaaaa3`);
    expect(repeated.body.data.map((s: { spec: { network: { id: string } } }) => s.spec.network.id)).toEqual([
      "n-aaaaa1",
      "n-aaaaa3",
    ]);
    expect(joined.body.data).toEqual(repeated.body.data);
    const byName = await h.call("GET", `${NLS}?environment=env-aaaaa1&spec.display_name=nls-n-aaaaa2`);
    expect(byName.body.data).toHaveLength(1);
    const byPhase = await h.call("GET", `${NLS}?environment=env-aaaaa1&status.phase=PROVISIONING`);
    expect(byPhase.body.data).toHaveLength(0);
    const unknown = await h.call("GET", `${NLS}?environment=env-aaaaa1&num_doors=4`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({
      code: "invalid_filter",
      source: { parameter: "num_doors" },
    });
  });

  test("endpoint list filters by network link service and network", async () => {
    const a = (
      await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1", { environments: ["env-bbbbb1"] }))
    ).body.id;
    const b = (
      await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa2", { environments: ["env-bbbbb1"] }))
    ).body.id;
    await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", a));
    await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", b));
    await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb2", a));
    const list = await h.call("GET", `${NLE}?environment=env-bbbbb1&spec.network_link_service=${a}`);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.kind).toBe("NetworkLinkEndpointList");
    const both = await h.call(
      "GET",
      `${NLE}?environment=env-bbbbb1&spec.network_link_service=${a},${b}&spec.network=n-bbbbb1`,
    );
    expect(both.body.data).toHaveLength(2);
  });
});

describe("transport", () => {
  test("auth: missing or wrong credentials are 401 with WWW-Authenticate and the envelope", async () => {
    for (const authorization of [
      "",
      "Basic " + Buffer.from("EMULATOR_KEY:wrong").toString("base64"),
      "Bearer x",
    ]) {
      const r = await h.call("GET", `${NLS}?environment=env-aaaaa1`, undefined, { authorization });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toBe(
        'Basic error="invalid_key", error_description="The API Key is invalid"',
      );
      expect(r.body.errors[0].code).toBe("user_unauthenticated");
    }
  });

  test("headers: every response has X-Request-Id; successes carry X-RateLimit-*, errors do not", async () => {
    const ok = await h.call("GET", `${NLS}?environment=env-aaaaa1`);
    for (const name of ["x-request-id", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]) {
      expect(ok.headers.get(name)).toMatch(/\S/);
    }
    const bad = await h.call("GET", `${NLS}/nls-zzzzzz?environment=env-aaaaa1`);
    expect(bad.status).toBe(404);
    expect(bad.headers.get("x-request-id")).toMatch(/\S/);
    expect(bad.headers.get("x-ratelimit-limit")).toBeNull();
  });

  test("unknown paths and methods get an enveloped 404", async () => {
    const r = await h.call("PUT", `${NLS}/nls-abcdef`, {});
    expect(r.status).toBe(404);
    expect(r.body.errors[0].detail).toContain("No route");
  });
});
