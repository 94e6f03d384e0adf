import {
  AUTH,
  endpointBody,
  NETWORKS,
  NLE,
  NLS,
  serviceBody,
  sleep,
  startHarness,
  type Harness,
} from "../support/emulator-api";

/** Issue 15, items 1–5: answers as Confluent's API and its own clients expect. */
let h: Harness;
const TOKEN = "oauth-token-for-tests";
beforeAll(async () => {
  h = await startHarness({
    credentials: [{ key: "EMULATOR_KEY", secret: "emulator-secret" }, { token: TOKEN }],
  });
});
afterAll(() => h.emulator.close());
beforeEach(() => h.admin.reset());

const A = "env-aaaaa1";
const B = "env-bbbbb1";

test("read-only fields sent in a PATCH (api_version, kind, id, metadata, status) are ignored", async () => {
  const nls = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body;
  // What the official client's Update model serializes: the object as read, with a changed name.
  const r = await h.call("PATCH", `${NLS}/${nls.id}`, {
    api_version: "networking/v1",
    kind: "NetworkLinkService",
    id: nls.id,
    metadata: nls.metadata,
    status: { phase: "FAILED" },
    spec: { environment: { id: A }, display_name: "renamed" },
  });
  expect(r.status).toBe(200);
  expect(r.body.spec.display_name).toBe("renamed");
  expect(r.body.status.phase).toBe("READY");
  const nle = (
    await h.call("POST", NLE, { ...endpointBody(B, "n-bbbbb1", nls.id), kind: "NetworkLinkEndpoint" })
  ).body;
  const patched = await h.call("PATCH", `${NLE}/${nle.id}`, {
    api_version: "networking/v1",
    kind: "NetworkLinkEndpoint",
    id: nle.id,
    spec: { environment: { id: B }, description: "d" },
  });
  expect(patched.status).toBe(200);
  expect(patched.body.spec.description).toBe("d");
});

test("a PATCH whose body id names another resource is refused (400 at /id) and changes nothing", async () => {
  const nls = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1"))).body;
  const r = await h.call("PATCH", `${NLS}/${nls.id}`, {
    id: "nls-other1",
    spec: { environment: { id: A }, display_name: "renamed" },
  });
  expect(r.status).toBe(400);
  expect(r.body.errors[0]).toMatchObject({ code: "bad_request", source: { pointer: "/id" } });
  expect(r.body.errors[0].detail).toBe(`The body's id (nls-other1) does not match the path's ${nls.id}.`);
  expect((await h.call("GET", `${NLS}/${nls.id}?environment=${A}`)).body.spec.display_name).toBe(
    nls.spec.display_name,
  );
});

describe("auth schemes are case-insensitive; a configured OAuth bearer token is accepted", () => {
  const basic = Buffer.from("EMULATOR_KEY:emulator-secret").toString("base64");
  test.each([
    ["Basic", `Basic ${basic}`, 200],
    ["lower-case basic", `basic ${basic}`, 200],
    ["upper-case BASIC", `BASIC ${basic}`, 200],
    ["Bearer with the configured token", `Bearer ${TOKEN}`, 200],
    ["lower-case bearer", `bearer ${TOKEN}`, 200],
    ["Bearer with another token", "Bearer not-the-token", 401],
    ["Basic with a wrong secret", `Basic ${Buffer.from("EMULATOR_KEY:nope").toString("base64")}`, 401],
    ["an unknown scheme", `Digest ${basic}`, 401],
  ])("%s → %i", async (_name, authorization, status) => {
    const r = await h.call("GET", `${NLS}?environment=${A}`, undefined, { authorization });
    expect(r.status).toBe(status);
    if (status === 401) {
      expect(r.body.errors[0].code).toBe("user_unauthenticated");
      expect(r.headers.get("www-authenticate")).toMatch(/^Basic /);
    }
  });
  test("no Authorization header at all → 401", async () => {
    const r = await fetch(`${h.emulator.url}${NLS}?environment=${A}`);
    expect(r.status).toBe(401);
    expect(AUTH).toMatch(/^Basic /);
  });
});

test("DISCONNECTING lasts the configured time after an accept removal, then DISCONNECTED", async () => {
  await h.admin.setDelays({ disconnectingMs: 400 });
  const nls = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1", { environments: [B] }))).body;
  const nle = (await h.call("POST", NLE, endpointBody(B, "n-bbbbb1", nls.id))).body;
  expect(nle.status.phase).toBe("READY");
  await h.call("PATCH", `${NLS}/${nls.id}`, {
    spec: { environment: { id: A }, accept: { environments: [] } },
  });
  const phase = async () => (await h.call("GET", `${NLE}/${nle.id}?environment=${B}`)).body.status.phase;
  expect(await phase()).toBe("DISCONNECTING");
  // While DISCONNECTING the endpoint still holds its service.
  expect((await h.call("DELETE", `${NLS}/${nls.id}?environment=${A}`)).status).toBe(409);
  await sleep(450);
  expect(await phase()).toBe("DISCONNECTED");
  expect((await h.admin.state()).delays.disconnectingMs).toBe(400);
});

test("the network of a create must belong to spec.environment for both kinds (422 at /spec/network/environment)", async () => {
  const nls = (await h.call("POST", NLS, serviceBody(A, "n-aaaaa1", { environments: [B] }))).body;
  const service = serviceBody(A, "n-aaaaa2") as { spec: Record<string, unknown> };
  service.spec.network = { id: "n-aaaaa2", environment: B };
  const endpoint = endpointBody(B, "n-bbbbb1", nls.id) as { spec: Record<string, unknown> };
  endpoint.spec.network = { id: "n-bbbbb1", environment: A };
  for (const [path, body] of [
    [NLS, service],
    [NLE, endpoint],
  ] as const) {
    const r = await h.call("POST", path, body);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      code: "invalid_configuration",
      source: { pointer: "/spec/network/environment" },
    });
  }
  expect((await h.admin.state()).services).toHaveLength(1);
});

describe("networks: the spec's own code samples are answered", () => {
  // Networks shaped like the spec's examples (prod-aws-us-east1, 10.200.0.0/16) in its sample environment.
  beforeEach(() =>
    h.admin.seed({
      environments: [
        {
          id: "env-00000",
          networks: [
            {
              id: "n-12345",
              display_name: "prod-aws-us-east1",
              cloud: "AWS",
              region: "us-east-1",
              connection_types: ["PRIVATELINK"],
              cidr: "10.200.0.0/16",
            },
            { id: "n-67890", display_name: "prod-aws-ca", cloud: "AWS", region: "ca-central-1" },
          ],
        },
      ],
    }),
  );

  test("the list sample's query (every filter comma-joined, connection types in lower case) → 200 with the match", async () => {
    // Verbatim from the x-codeSamples of listNetworkingV1Networks in networking-v1.openapi.yaml.
    const sample =
      "spec.display_name=prod-gcp-us-central1,prod-aws-us-east1&spec.cloud=GCP,AWS&spec.region=us-central1,us-east-1" +
      "&spec.connection_types=peering,privatelink&spec.cidr=10.200.0.0/16&status.phase=PROVISIONING,READY&environment=env-00000";
    const r = await h.call("GET", `${NETWORKS}?${sample}`);
    expect(r.status).toBe(200);
    expect(r.body.data.map((n: { id: string }) => n.id)).toEqual(["n-12345"]);
  });

  test("the get sample's path and query, and the spec's resource_name form", async () => {
    const r = await h.call("GET", `${NETWORKS}/n-12345?environment=env-00000`);
    expect(r.status).toBe(200);
    expect(r.body.metadata.resource_name).toMatch(
      /^crn:\/\/confluent\.cloud\/organization=[^/]+\/environment=env-00000\/network=n-12345$/,
    );
    expect(r.body.spec).toMatchObject({
      cloud: "AWS",
      region: "us-east-1",
      environment: { id: "env-00000" },
    });
  });
});
