import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  DEFAULT_SEED,
  EmulatorAdmin,
  startEmulator,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import {
  AUTH,
  NETWORKS,
  NLS,
  serviceBody,
  startHarness,
  ZERO_DELAYS,
  type Harness,
} from "../support/emulator-api";

/**
 * Issue 22 item 5: the networks resource (GET /networking/v1/networks[/{id}]), read-only, so that a
 * client can learn a network's cloud and region (networking-api.md §1b).
 */
const A = "env-aaaaa1";
const B = "env-bbbbb1";
type Net = { id: string; spec: { region: string; cloud: string; connection_types: string[] } };
const ids = (body: { data: Net[] }) => body.data.map((n) => n.id);

describe("the default seed", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: DEFAULT_SEED });
  });
  afterAll(() => h.emulator.close());

  test("get: a Network with cloud, region, connection types, environment reference and READY status", async () => {
    const r = await h.call("GET", `${NETWORKS}/n-aaaaa1?environment=${A}`);
    expect(r.status).toBe(200);
    const created = r.body.metadata.created_at;
    expect(r.body).toEqual({
      api_version: "networking/v1",
      kind: "Network",
      id: "n-aaaaa1",
      metadata: {
        self: `${h.emulator.url}${NETWORKS}/n-aaaaa1?environment=${A}`,
        resource_name: `crn://confluent.cloud/organization=${DEFAULT_SEED.organization_id}/environment=${A}/network=n-aaaaa1`,
        created_at: created,
        updated_at: created,
      },
      spec: {
        display_name: "aws-us-east-1",
        cloud: "AWS",
        region: "us-east-1",
        connection_types: ["PRIVATELINK"],
        environment: {
          id: A,
          related: `${h.emulator.url}/v2/environments/${A}`,
          resource_name: `crn://confluent.cloud/organization=${DEFAULT_SEED.organization_id}/environment=${A}`,
        },
      },
      status: {
        phase: "READY",
        supported_connection_types: ["PRIVATELINK"],
        active_connection_types: ["PRIVATELINK"],
      },
    });
    expect(Date.parse(created)).toBeLessThanOrEqual(Date.now());
  });

  test.each([
    [A, "n-aaaaa1", "us-east-1"],
    [A, "n-aaaaa2", "ca-central-1"],
    [B, "n-bbbbb1", "ca-central-1"],
    [B, "n-bbbbb2", "eu-west-1"],
  ])("%s / %s is AWS %s", async (env, id, region) => {
    const r = await h.call("GET", `${NETWORKS}/${id}?environment=${env}`);
    expect(r.body.spec).toMatchObject({ cloud: "AWS", region, environment: { id: env } });
  });

  test("a service's spec.network.related leads to its network", async () => {
    const nls = (await h.call("POST", NLS, serviceBody(B, "n-bbbbb2"))).body;
    const related = new URL(nls.spec.network.related);
    const network = await h.call("GET", `${related.pathname}${related.search}`);
    expect(network.status).toBe(200);
    expect(network.body).toMatchObject({ id: "n-bbbbb2", spec: { region: "eu-west-1" } });
  });
});

describe("with the test seed", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.admin.seed({
      environments: [
        {
          id: "env-ccccc1",
          networks: [
            { id: "n-ccccc1", cloud: "AWS", region: "us-east-2", display_name: "east" },
            {
              id: "n-ccccc2",
              cloud: "GCP",
              region: "us-central1",
              connection_types: ["PEERING", "PRIVATELINK"],
              cidr: "10.200.0.0/16",
              display_name: "central",
            },
            { id: "n-ccccc3", cloud: "AZURE", region: "eastus", connection_types: ["PEERING"] },
          ],
        },
      ],
    });
  });
  afterAll(() => h.emulator.close());

  test("a network seeded without a region is AWS ca-central-1 over PrivateLink, named by its ID", async () => {
    const r = await h.call("GET", `${NETWORKS}/n-bbbbb6?environment=${B}`);
    expect(r.body.spec).toMatchObject({
      display_name: "n-bbbbb6",
      cloud: "AWS",
      region: "ca-central-1",
      connection_types: ["PRIVATELINK"],
    });
    expect(r.body.spec.cidr).toBeUndefined();
  });

  test("list: the environment's networks in seed order, with the list envelope", async () => {
    const r = await h.call("GET", `${NETWORKS}?environment=env-ccccc1`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      api_version: "networking/v1",
      kind: "NetworkList",
      metadata: { total_size: 3, first: `${h.emulator.url}${NETWORKS}?environment=env-ccccc1` },
    });
    expect(r.body.metadata.next).toBeUndefined();
    expect(ids(r.body)).toEqual(["n-ccccc1", "n-ccccc2", "n-ccccc3"]);
    expect(r.body.data[1].spec).toMatchObject({
      cloud: "GCP",
      region: "us-central1",
      connection_types: ["PEERING", "PRIVATELINK"],
      cidr: "10.200.0.0/16",
    });
    expect(r.body.data[1].status.supported_connection_types).toEqual(["PEERING", "PRIVATELINK"]);
  });

  test("pagination: page_size, next with an opaque page_token, total_size; bad sizes and tokens are 400", async () => {
    const first = await h.call("GET", `${NETWORKS}?environment=${A}&page_size=2`);
    expect(first.body.metadata.total_size).toBe(5);
    expect(ids(first.body)).toEqual(["n-aaaaa1", "n-aaaaa2"]);
    const seen = [...ids(first.body)];
    let next: string | undefined = first.body.metadata.next;
    while (next) {
      const url = new URL(next);
      expect(`${url.protocol}//${url.host}`).toBe(h.emulator.url);
      const page = await h.call("GET", `${url.pathname}${url.search}`);
      seen.push(...ids(page.body));
      next = page.body.metadata.next;
    }
    expect(seen).toEqual(["n-aaaaa1", "n-aaaaa2", "n-aaaaa3", "n-aaaaa4", "n-aaaaa5"]);
    for (const bad of ["page_size=0", "page_size=1001", "page_token=zzz"]) {
      const r = await h.call("GET", `${NETWORKS}?environment=${A}&${bad}`);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].source.parameter).toBe(bad.split("=")[0]);
    }
  });

  test.each([
    ["spec.cloud=GCP", ["n-ccccc2"]],
    ["spec.cloud=GCP&spec.cloud=AZURE", ["n-ccccc2", "n-ccccc3"]],
    ["spec.cloud=GCP,AZURE", ["n-ccccc2", "n-ccccc3"]],
    ["spec.region=us-east-2,eastus", ["n-ccccc1", "n-ccccc3"]],
    ["spec.connection_types=PEERING", ["n-ccccc2", "n-ccccc3"]],
    // The spec's own list sample writes connection types in lower case.
    ["spec.connection_types=peering,privatelink", ["n-ccccc1", "n-ccccc2", "n-ccccc3"]],
    ["spec.connection_types=TRANSITGATEWAY", []],
    ["spec.cidr=10.200.0.0/16", ["n-ccccc2"]],
    ["spec.display_name=east&spec.display_name=n-ccccc3", ["n-ccccc1", "n-ccccc3"]],
    ["status.phase=READY", ["n-ccccc1", "n-ccccc2", "n-ccccc3"]],
    ["status.phase=PROVISIONING", []],
    ["spec.cloud=AWS&spec.region=us-east-2", ["n-ccccc1"]],
  ])("filter %s", async (filter, expected) => {
    const r = await h.call("GET", `${NETWORKS}?environment=env-ccccc1&${filter}`);
    expect(r.status).toBe(200);
    expect(ids(r.body)).toEqual(expected);
    expect(r.body.metadata.total_size).toBe(expected.length);
  });

  test.each([
    [
      "an unknown network",
      `${NETWORKS}/n-zzzzz9?environment=${A}`,
      404,
      "not_found",
      "The network n-zzzzz9 was not found.",
    ],
    [
      "a network of another environment",
      `${NETWORKS}/n-bbbbb1?environment=${A}`,
      404,
      "not_found",
      "The network n-bbbbb1 was not found.",
    ],
    [
      "a get in an unknown environment",
      `${NETWORKS}/n-aaaaa1?environment=env-zzzzz9`,
      404,
      "not_found",
      "The network n-aaaaa1 was not found.",
    ],
    [
      "a list in an unknown environment",
      `${NETWORKS}?environment=env-zzzzz9`,
      403,
      "user_unauthorized",
      "The environment env-zzzzz9 was not found or is not accessible with this API key.",
    ],
    [
      "a get without environment",
      `${NETWORKS}/n-aaaaa1`,
      400,
      "bad_request",
      "The query parameter 'environment' is required.",
    ],
    [
      "a list without environment",
      NETWORKS,
      400,
      "bad_request",
      "The query parameter 'environment' is required.",
    ],
    [
      "a malformed network ID",
      `${NETWORKS}/lkc-123?environment=${A}`,
      400,
      "bad_request",
      "'lkc-123' is not a valid network ID.",
    ],
    [
      "an unknown filter",
      `${NETWORKS}?environment=${A}&spec.zones=use1-az1`,
      400,
      "invalid_filter",
      "The 'networks' resource can't be filtered by 'spec.zones'.",
    ],
  ])("%s (%s) → %i %s", async (_name, url, status, code, detail) => {
    const r = await h.call("GET", url);
    expect(r.status).toBe(status);
    expect(r.body.errors[0]).toMatchObject({ status: String(status), code, detail });
  });

  test("without credentials: 401 with WWW-Authenticate", async () => {
    const r = await fetch(`${h.emulator.url}${NETWORKS}/n-aaaaa1?environment=${A}`);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(((await r.json()) as { errors: { code: string }[] }).errors[0].code).toBe("user_unauthenticated");
  });

  test("reads are counted like the link routes", async () => {
    await h.admin.resetCounters();
    await h.call("GET", `${NETWORKS}/n-aaaaa1?environment=${A}`);
    await h.call("GET", `${NETWORKS}?environment=${A}`);
    const counters = await h.admin.counters();
    expect(counters.byRoute).toEqual({
      "GET /networking/v1/networks/:id": 1,
      "GET /networking/v1/networks": 1,
    });
    expect(counters.reads).toBe(2);
  });
});

describe("environment-scoped keys", () => {
  let emulator: RunningEmulator;
  const TEAM_A = `Basic ${Buffer.from("TEAM_A_KEY:team-a-secret").toString("base64")}`;
  beforeAll(async () => {
    emulator = await startEmulator({
      seed: DEFAULT_SEED,
      delays: ZERO_DELAYS,
      credentials: [
        { key: "TEAM_A_KEY", secret: "team-a-secret", environments: [A] },
        { key: "EMULATOR_KEY", secret: "emulator-secret" },
      ],
    });
  });
  afterAll(() => emulator.close());
  const get = async (auth: string, path: string) => {
    const r = await fetch(`${emulator.url}${path}`, { headers: { authorization: auth } });
    return { status: r.status, body: (await r.json()) as { errors?: { code: string; detail: string }[] } };
  };

  test("a key limited to env-aaaaa1 reads its networks and gets 403 user_unauthorized in env-bbbbb1", async () => {
    expect((await get(TEAM_A, `${NETWORKS}/n-aaaaa1?environment=${A}`)).status).toBe(200);
    expect((await get(TEAM_A, `${NETWORKS}?environment=${A}`)).status).toBe(200);
    for (const path of [`${NETWORKS}/n-bbbbb1?environment=${B}`, `${NETWORKS}?environment=${B}`]) {
      const r = await get(TEAM_A, path);
      expect(r.status).toBe(403);
      expect(r.body.errors?.[0].code).toBe("user_unauthorized");
      expect(r.body.errors?.[0].detail).toBe(
        `The API key TEAM_A_KEY is not authorized for environment ${B}; it is limited to ${A}.`,
      );
    }
    // Another environment's network named under its own environment reads as unknown.
    expect((await get(TEAM_A, `${NETWORKS}/n-bbbbb1?environment=${A}`)).status).toBe(404);
    expect((await get(AUTH, `${NETWORKS}/n-bbbbb1?environment=${B}`)).status).toBe(200);
  });
});

describe("seeding networks through the admin API", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.emulator.close());
  const seed = (network: Record<string, unknown>) =>
    h.admin.seed({ environments: [{ id: "env-ddddd1", networks: [network as { id: string }] }] });

  test.each([
    [
      { id: "n-ddddd1", cloud: "ORACLE", region: "x" },
      "/environments/0/networks/0/cloud",
      "must be one of AWS, GCP, AZURE",
    ],
    [
      { id: "n-ddddd1", cloud: "GCP" },
      "/environments/0/networks/0/region",
      "cloud and region go together: give both or neither",
    ],
    [
      { id: "n-ddddd1", region: "us-east-1" },
      "/environments/0/networks/0/region",
      "cloud and region go together: give both or neither",
    ],
    [
      { id: "n-ddddd1", cloud: "AWS", region: "US East" },
      "/environments/0/networks/0/region",
      "must be a cloud region such as us-east-1",
    ],
    [
      { id: "n-ddddd1", connection_types: [] },
      "/environments/0/networks/0/connection_types",
      "must list at least one connection type",
    ],
    [
      { id: "n-ddddd1", connection_types: ["PEERING", "PEERING"] },
      "/environments/0/networks/0/connection_types",
      "items must be unique",
    ],
    [
      { id: "n-ddddd1", connection_types: ["VPN"] },
      "/environments/0/networks/0/connection_types/0",
      "must be one of PEERING, TRANSITGATEWAY, PRIVATELINK",
    ],
    [
      { id: "n-ddddd1", cidr: "10.0.0.0" },
      "/environments/0/networks/0/cidr",
      "must be an IPv4 CIDR such as 10.200.0.0/16",
    ],
    [{ id: "n-ddddd1", display_name: "" }, "/environments/0/networks/0/display_name", "Too small"],
  ])("%j is refused (400 at %s) and seeds nothing", async (network, pointer, message) => {
    const refused = seed(network);
    await expect(refused).rejects.toThrow(/: 400 /);
    const body = JSON.parse(((await refused.catch((e: Error) => e)) as Error).message.replace(/^[^{]*/, ""));
    expect(body.errors[0].source).toEqual({ pointer });
    expect(body.errors[0].detail).toContain(message);
    expect((await h.admin.state()).environments).not.toContain("env-ddddd1");
  });

  test("the admin state shows the seed fields; seeding again changes only the fields given and moves updated_at", async () => {
    await seed({ id: "n-ddddd2", cloud: "AZURE", region: "eastus", connection_types: ["PEERING"] });
    const before = await h.call("GET", `${NETWORKS}/n-ddddd2?environment=env-ddddd1`);
    expect((await h.admin.state()).networks).toContainEqual({
      id: "n-ddddd2",
      environment: "env-ddddd1",
      kafka_clusters: 1,
      display_name: "n-ddddd2",
      cloud: "AZURE",
      region: "eastus",
      connection_types: ["PEERING"],
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await seed({ id: "n-ddddd2", display_name: "renamed" });
    const after = await h.call("GET", `${NETWORKS}/n-ddddd2?environment=env-ddddd1`);
    expect(after.body.spec).toMatchObject({ display_name: "renamed", cloud: "AZURE", region: "eastus" });
    expect(after.body.metadata.created_at).toBe(before.body.metadata.created_at);
    expect(Date.parse(after.body.metadata.updated_at)).toBeGreaterThan(
      Date.parse(before.body.metadata.updated_at),
    );
    await seed({ id: "n-ddddd2" });
    const unchanged = await h.call("GET", `${NETWORKS}/n-ddddd2?environment=env-ddddd1`);
    expect(unchanged.body.metadata.updated_at).toBe(after.body.metadata.updated_at);
  });
});

describe("persistence keeps the network fields", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nl-emulator-networks-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = async (emulator: RunningEmulator, network: string, env: string) =>
    (await (
      await fetch(`${emulator.url}${NETWORKS}/${network}?environment=${env}`, {
        headers: { authorization: AUTH },
      })
    ).json()) as { spec: Record<string, unknown>; metadata: { created_at: string } };

  test("seeded fields and times survive a restart", async () => {
    const file = path.join(dir, "state.json");
    const options = { persistFile: file, delays: ZERO_DELAYS };
    const first = await startEmulator(options);
    await new EmulatorAdmin(first.url).seed({
      environments: [
        {
          id: "env-eeeee1",
          networks: [{ id: "n-eeeee1", cloud: "GCP", region: "europe-west1", cidr: "10.1.0.0/16" }],
        },
      ],
    });
    const seen = await read(first, "n-eeeee1", "env-eeeee1");
    await first.close();
    const second = await startEmulator(options);
    try {
      expect(await read(second, "n-eeeee1", "env-eeeee1")).toEqual(
        JSON.parse(JSON.stringify(seen).replaceAll(first.url, second.url)),
      );
      expect(seen.spec).toMatchObject({ cloud: "GCP", region: "europe-west1", cidr: "10.1.0.0/16" });
    } finally {
      await second.close();
    }
  });

  test("a state file written before networks had a cloud and region loads them with the defaults", async () => {
    const file = path.join(dir, "old.json");
    writeFileSync(
      file,
      JSON.stringify({
        version: 2,
        state: {
          organizationId: "org-old",
          environments: ["env-fffff1"],
          networks: [{ id: "n-fffff1", environment: "env-fffff1", kafka_clusters: 2 }],
          services: [],
          endpoints: [],
          sequence: 0,
        },
      }),
    );
    const emulator = await startEmulator({ persistFile: file });
    try {
      const network = await read(emulator, "n-fffff1", "env-fffff1");
      expect(network.spec).toMatchObject({
        display_name: "n-fffff1",
        cloud: "AWS",
        region: "ca-central-1",
        connection_types: ["PRIVATELINK"],
      });
      expect(Number.isNaN(Date.parse(network.metadata.created_at))).toBe(false);
      expect((await new EmulatorAdmin(emulator.url).state()).networks).toContainEqual(
        expect.objectContaining({ id: "n-fffff1", kafka_clusters: 2 }),
      );
    } finally {
      await emulator.close();
    }
    // The old file is rewritten with the new fields only on the next change; it still loads as it was.
    expect(JSON.parse(readFileSync(file, "utf8")).state.networks[0]).toEqual({
      id: "n-fffff1",
      environment: "env-fffff1",
      kafka_clusters: 2,
    });
  });
});
