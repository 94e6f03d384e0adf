import { endpointBody, NLE, NLS, serviceBody, startHarness, type Harness } from "../support/emulator-api";

let h: Harness;
let nls = "";
let nle = "";
beforeAll(async () => {
  h = await startHarness();
  nls = (await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1", { environments: ["env-bbbbb1"] })))
    .body.id;
  nle = (await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", nls))).body.id;
});
afterAll(() => h.emulator.close());

const good = serviceBody("env-aaaaa1", "n-aaaaa2");
const withSpec = (spec: Record<string, unknown>) => ({ spec: { ...good.spec, ...spec } });

describe("rule: malformed bodies are a 400 naming what is wrong (source.pointer), never applied", () => {
  test.each([
    ["malformed JSON", "{not json", undefined, /Malformed JSON/],
    ["a body that is not an object", "[1,2]", "", /expected object/],
    ["missing body", undefined, undefined, /body is required/],
    ["unknown field", withSpec({ colour: "red" }), "/spec/colour", /unknown field 'colour'/],
    ["unknown top-level field", { ...good, extra: 1 }, "/extra", /unknown field 'extra'/],
    ["wrong type", withSpec({ display_name: 5 }), "/spec/display_name", /expected string/],
    [
      "bad environment ID",
      withSpec({ environment: { id: "prod" } }),
      "/spec/environment/id",
      /environment ID/,
    ],
    ["bad network ID", withSpec({ network: { id: "vpc-1" } }), "/spec/network/id", /network ID/],
    [
      "unknown field in a reference",
      withSpec({ network: { id: "n-aaaaa2", x: 1 } }),
      "/spec/network/x",
      /unknown/,
    ],
    [
      "accept list of the wrong type",
      withSpec({ accept: { environments: "env-bbbbb1" } }),
      "/spec/accept/environments",
      /array/,
    ],
    [
      "duplicate accept entries",
      withSpec({ accept: { networks: ["n-bbbbb1", "n-bbbbb1"] } }),
      "/spec/accept/networks",
      /unique/,
    ],
  ])("%s", async (_name, body, pointer, detail) => {
    const r = await h.call("POST", NLS, body);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].detail).toMatch(detail);
    if (pointer !== undefined) expect(r.body.errors[0].source).toEqual({ pointer });
    expect((await h.call("GET", `${NLS}?environment=env-aaaaa1`)).body.data).toHaveLength(1);
  });

  test("references may carry empty related/resource_name, as the Go SDK sends them", async () => {
    const r = await h.call("PATCH", `${NLE}/${nle}`, {
      spec: { environment: { id: "env-bbbbb1", related: "", resource_name: "" }, display_name: "ok" },
    });
    expect(r.status).toBe(200);
  });

  test("a non-JSON content type is 415", async () => {
    const r = await h.call("POST", NLS, "spec=1", { "content-type": "text/plain" });
    expect(r.status).toBe(415);
  });
});

describe("rule: bad ID forms and query parameters are a 400 naming the parameter", () => {
  test.each([
    [`${NLS}/not-an-id?environment=env-aaaaa1`, "id"],
    [`${NLE}/nls-abcdef?environment=env-bbbbb1`, "id"],
    [`${NLS}?environment=prod`, "environment"],
    [`${NLS}?environment=env-aaaaa1&environment=env-bbbbb1`, "environment"],
    [`${NLS}?environment=env-aaaaa1&page_size=-5`, "page_size"],
    [`${NLS}?environment=env-aaaaa1&color=red`, "color"],
  ])("GET %s", async (url, parameter) => {
    const r = await h.call("GET", url);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].source).toEqual({ parameter });
  });
});
