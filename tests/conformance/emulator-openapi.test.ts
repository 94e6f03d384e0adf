import { readFileSync } from "node:fs";
import path from "node:path";
import { describeConformance, describeNetworkingConformance, FIXTURES_DIR } from "../support/reference";
import {
  endpointBody,
  NETWORKS,
  NLE,
  NLS,
  NLSA,
  serviceBody,
  startHarness,
  type Harness,
} from "../support/emulator-api";

/**
 * The emulator against the upstream reference: every body of a full lifecycle (and of its
 * errors) validated against the published OpenAPI, and bodies shaped like the recorded fixtures.
 * Skipped, and counted as skipped, where the reference is absent.
 */
describeConformance("conformance: emulator responses against the upstream OpenAPI and fixtures", () => {
  // Loaded lazily: the validator reads the spec at import time.
  const openapi = () =>
    require("../support/openapi-validation") as typeof import("../support/openapi-validation");
  const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), "utf8"));
  /** Key paths of a JSON value; null and arrays are leaves. */
  const shape = (value: unknown, prefix = ""): string[] =>
    value === null || typeof value !== "object" || Array.isArray(value)
      ? [prefix]
      : Object.entries(value).flatMap(([k, v]) => shape(v, `${prefix}/${k}`));

  let h: Harness;
  const seen: string[] = [];
  async function call(method: string, url: string, body?: unknown) {
    const r = await h.call(method, url, body);
    openapi().assertMatchesSpec(method, new URL(url, h.emulator.url).pathname, r.status, specView(r.body));
    seen.push(`${method} ${url.split("?")[0].replace(/n(ls|le)-[a-z0-9]+/g, ":id")} ${r.status}`);
    return r;
  }
  /**
   * The spec types accept lists as arrays, but the real API sends `null` for an emptied list
   * (recorded updated_nls.json); the emulator follows the API, so the check reads null as [].
   */
  function specView(body: unknown): unknown {
    const text = JSON.stringify(body ?? null).replace(/"(environments|networks)":null/g, '"$1":[]');
    return body === undefined ? undefined : JSON.parse(text);
  }

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.emulator.close());

  test("a whole lifecycle and its errors match the spec, operation by operation and status by status", async () => {
    const nls = (
      await call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1", { environments: ["env-bbbbb1"] }))
    ).body;
    const nle = (await call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", nls.id))).body;
    await call("GET", `${NLS}?environment=env-aaaaa1&page_size=1`);
    await call("GET", `${NLS}/${nls.id}?environment=env-aaaaa1`);
    await call("PATCH", `${NLS}/${nls.id}`, {
      spec: { environment: { id: "env-aaaaa1" }, accept: { environments: ["env-bbbbb1"], networks: [] } },
    });
    await call("GET", `${NLE}?environment=env-bbbbb1`);
    await call("GET", `${NLE}/${nle.id}?environment=env-bbbbb1`);
    await call("PATCH", `${NLE}/${nle.id}`, {
      spec: { environment: { id: "env-bbbbb1" }, description: "d" },
    });
    await call("GET", `${NLSA}?environment=env-aaaaa1&spec.network_link_service=${nls.id}`);
    await call("GET", `${NLSA}/${nle.id}?environment=env-aaaaa1&spec.network_link_service=${nls.id}`);
    // Errors: 400, 401 (no auth is added below), 402 is only reachable at 20 links, 404, 409, 422.
    await call("GET", `${NLS}?environment=env-aaaaa1&bogus=1`);
    await call("GET", `${NLS}/nls-zzzzzz?environment=env-aaaaa1`);
    await call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1"));
    await call("POST", NLS, serviceBody("env-zzzzz1", "n-aaaaa1"));
    await call("DELETE", `${NLS}/${nls.id}?environment=env-aaaaa1`);
    await call("DELETE", `${NLE}/${nle.id}?environment=env-bbbbb1`);
    expect(seen).toEqual([
      "POST /networking/v1/network-link-services 202",
      "POST /networking/v1/network-link-endpoints 202",
      "GET /networking/v1/network-link-services 200",
      "GET /networking/v1/network-link-services/:id 200",
      "PATCH /networking/v1/network-link-services/:id 200",
      "GET /networking/v1/network-link-endpoints 200",
      "GET /networking/v1/network-link-endpoints/:id 200",
      "PATCH /networking/v1/network-link-endpoints/:id 200",
      "GET /networking/v1/network-link-service-associations 200",
      "GET /networking/v1/network-link-service-associations/:id 200",
      "GET /networking/v1/network-link-services 400",
      "GET /networking/v1/network-link-services/:id 404",
      "POST /networking/v1/network-link-services 409",
      "POST /networking/v1/network-link-services 422",
      "DELETE /networking/v1/network-link-services/:id 409",
      "DELETE /networking/v1/network-link-endpoints/:id 204",
    ]);
    const unauthenticated = await fetch(`${h.emulator.url}${NLS}?environment=env-aaaaa1`);
    openapi().assertMatchesSpec("GET", NLS, 401, await unauthenticated.json());
  });

  test("bodies have the key paths of the recorded Terraform fixtures (service, endpoint, emptied list)", async () => {
    await h.admin.reset();
    const created = await call(
      "POST",
      NLS,
      serviceBody("env-aaaaa1", "n-aaaaa2", { environments: ["env-bbbbb1"], networks: ["n-bbbbb2"] }),
    );
    created.body.spec.description = "x";
    expect(shape(created.body).sort()).toEqual(shape(fixture("create_nls.json")).sort());
    const emptied = await call("PATCH", `${NLS}/${created.body.id}`, {
      spec: { environment: { id: "env-aaaaa1" }, accept: { environments: ["env-bbbbb1"], networks: [] } },
    });
    expect(emptied.body.spec.accept).toEqual({ environments: ["env-bbbbb1"], networks: null });
    expect(shape(emptied.body).sort()).toEqual(shape(fixture("updated_nls.json")).sort());
    const nle = await call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", created.body.id));
    expect(shape(nle.body).sort()).toEqual(shape(fixture("read_nle.json")).sort());
  });

  test("the validator rejects bodies that break the spec (so the checks above mean something)", () => {
    expect(() =>
      openapi().assertMatchesSpec("GET", `${NLS}/nls-abcdef`, 200, { id: "nls-abcdef", kind: "Nope" }),
    ).toThrow(/does not match the spec/);
    expect(() => openapi().assertMatchesSpec("GET", NLS, 400, { errors: [{ status: 400 }] })).toThrow();
  });
});

/**
 * The networks resource against the whole networking v1 spec (the network-link subset leaves it
 * out): every body of its reads and their errors validated against networking.v1.Network and
 * NetworkList as the operations' 200 schemas require them (spec.cloud, region, connection_types,
 * environment; status phase and connection types).
 */
describeNetworkingConformance("conformance: the networks resource against networking-v1.openapi.yaml", () => {
  const openapi = () =>
    require("../support/openapi-validation") as typeof import("../support/openapi-validation");
  let h: Harness;
  const seen: string[] = [];
  async function call(url: string, headers?: Record<string, string>) {
    const r = await h.call("GET", url, undefined, headers);
    const urlPath = new URL(url, h.emulator.url).pathname;
    expect(openapi().templateOf(urlPath)).toMatch(/^\/networking\/v1\/networks(\/\{id\})?$/);
    openapi().assertMatchesSpec("GET", urlPath, r.status, r.body);
    seen.push(`GET ${urlPath.replace(/\/n-[a-z0-9]+$/, "/:id")} ${r.status}`);
    return r;
  }

  beforeAll(async () => {
    h = await startHarness({
      credentials: [
        { key: "EMULATOR_KEY", secret: "emulator-secret" },
        { key: "TEAM_A", secret: "team-a", environments: ["env-aaaaa1"] },
      ],
    });
    await h.admin.seed({
      environments: [
        {
          id: "env-aaaaa1",
          networks: [
            {
              id: "n-gcp001",
              cloud: "GCP",
              region: "us-central1",
              connection_types: ["PEERING", "PRIVATELINK"],
              cidr: "10.200.0.0/16",
              display_name: "prod-gcp-us-central1",
            },
          ],
        },
      ],
    });
  });
  afterAll(() => h.emulator.close());

  test("gets, lists (paged and filtered) and their errors match the spec, status by status", async () => {
    await call(`${NETWORKS}/n-aaaaa1?environment=env-aaaaa1`);
    const gcp = await call(`${NETWORKS}/n-gcp001?environment=env-aaaaa1`);
    expect(gcp.body.spec).toMatchObject({ cloud: "GCP", cidr: "10.200.0.0/16" });
    const page = await call(`${NETWORKS}?environment=env-aaaaa1&page_size=2`);
    expect(page.body.data).toHaveLength(2);
    await call(`${NETWORKS}?environment=env-aaaaa1&spec.cloud=GCP,AWS&spec.connection_types=PEERING`);
    await call(`${NETWORKS}?environment=env-aaaaa1&bogus=1`);
    await call(`${NETWORKS}/n-bbbbb1?environment=env-aaaaa1`);
    await call(`${NETWORKS}/n-bbbbb1?environment=env-bbbbb1`, {
      authorization: `Basic ${Buffer.from("TEAM_A:team-a").toString("base64")}`,
    });
    await call(`${NETWORKS}/n-aaaaa1?environment=env-aaaaa1`, { authorization: "Basic bm9ib2R5Om5vcGU=" });
    expect(seen).toEqual([
      "GET /networking/v1/networks/:id 200",
      "GET /networking/v1/networks/:id 200",
      "GET /networking/v1/networks 200",
      "GET /networking/v1/networks 200",
      "GET /networking/v1/networks 400",
      "GET /networking/v1/networks/:id 404",
      "GET /networking/v1/networks/:id 403",
      "GET /networking/v1/networks/:id 401",
    ]);
  });

  test("the validator rejects a Network without the fields the spec requires (so the checks above mean something)", async () => {
    const good = (await h.call("GET", `${NETWORKS}/n-aaaaa1?environment=env-aaaaa1`)).body;
    const path = `${NETWORKS}/n-aaaaa1`;
    expect(() => openapi().assertMatchesSpec("GET", path, 200, good)).not.toThrow();
    for (const field of ["cloud", "region", "connection_types", "environment"]) {
      const broken = structuredClone(good);
      delete broken.spec[field];
      expect(() => openapi().assertMatchesSpec("GET", path, 200, broken)).toThrow(/does not match the spec/);
    }
    const noStatus = structuredClone(good);
    delete noStatus.status.supported_connection_types;
    expect(() => openapi().assertMatchesSpec("GET", path, 200, noStatus)).toThrow(/does not match the spec/);
    const list = (await h.call("GET", `${NETWORKS}?environment=env-aaaaa1`)).body;
    delete list.data[0].spec.region;
    expect(() => openapi().assertMatchesSpec("GET", NETWORKS, 200, list)).toThrow(/does not match the spec/);
  });
});
