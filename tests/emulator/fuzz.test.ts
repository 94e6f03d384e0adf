import { startEmulator, type RunningEmulator } from "confluent-network-link-emulator";
import {
  AUTH,
  endpointBody,
  NLE,
  NLS,
  NLSA,
  serviceBody,
  TEST_SEED,
  ZERO_DELAYS,
} from "../support/emulator-api";
import { assertNoSchemaBreak } from "../support/emulator-api";

/** A small deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick, int: (n: number) => Math.floor(next() * n) };
}

type Rng = ReturnType<typeof prng>;

const JUNK_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  "",
  "x",
  "null",
  [],
  [1],
  {},
  { id: 5 },
  "é\u0000",
  "a".repeat(300),
];
const BAD_IDS = [
  "",
  "nls-",
  "NLS-ABCDEF",
  "nls-ab_cd",
  "env-aaaaa1",
  "nle-zzz%20zz",
  "%zz",
  "..",
  "a".repeat(300),
  "n-",
];

function junk(r: Rng): unknown {
  // A copy: a body that takes a junk object as its spec is mutated by later defects.
  return structuredClone(r.pick(JUNK_VALUES));
}

/** A body with at least one certain defect, so no generated write may legitimately succeed. */
function badBody(r: Rng, valid: Record<string, unknown>, forPatch: boolean): unknown {
  const body = JSON.parse(JSON.stringify(valid)) as { spec: Record<string, unknown> };
  const defects = [
    () => (body.spec[`unknown_${r.int(9)}`] = junk(r)),
    // Read-only fields (status, kind, …) are ignored by design, so only unknown ones are defects.
    () => ((body as Record<string, unknown>)[r.pick(["extra", "colour", "spec_"])] = 1),
    () => (body.spec.environment = r.pick([junk(r), { id: r.pick(BAD_IDS) }, { id: "env-aaaaa1", x: 1 }])),
    () => delete body.spec.environment,
    () => (body.spec.display_name = r.pick([5, null, {}, [], "a".repeat(300)])),
    () =>
      (body.spec.accept = r.pick([5, "x", { environments: "env-aaaaa1" }, { networks: [5] }, { foo: [] }])),
    () => (body.spec.network = forPatch ? { id: "n-aaaaa2" } : r.pick([junk(r), { id: r.pick(BAD_IDS) }])),
    () => (body.spec = junk(r) as Record<string, unknown>),
  ];
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) {
    try {
      r.pick(defects)();
    } catch {
      // spec replaced by a primitive: later defects cannot apply; the body is broken anyway
    }
  }
  return body;
}

/**
 * Real HTTP rather than inject(): light-my-request pulls in an ESM-only dependency that jest on
 * Node 22 cannot load.
 */
let emulator: RunningEmulator;

async function send(req: {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}) {
  const body =
    req.payload === undefined
      ? undefined
      : typeof req.payload === "string"
        ? req.payload
        : JSON.stringify(req.payload);
  const response = await fetch(`${emulator.url}${req.url}`, {
    method: req.method,
    headers: { "content-type": "application/json", ...req.headers },
    body,
  });
  const text = await response.text();
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: text,
    json: () => JSON.parse(text),
  };
}
const ids = { nls: "", nle: "" };

beforeAll(async () => {
  emulator = await startEmulator({ seed: TEST_SEED, delays: ZERO_DELAYS });
  const auth = { authorization: AUTH };
  const nls = await send({
    method: "POST",
    url: NLS,
    headers: auth,
    payload: serviceBody("env-aaaaa1", "n-aaaaa1", { environments: ["env-bbbbb1"] }),
  });
  ids.nls = nls.json().id;
  const nle = await send({
    method: "POST",
    url: NLE,
    headers: auth,
    payload: endpointBody("env-bbbbb1", "n-bbbbb1", ids.nls),
  });
  ids.nle = nle.json().id;
});
afterAll(() => emulator.close());

function randomRequest(r: Rng) {
  const method = r.pick([
    "GET",
    "POST",
    "PATCH",
    "DELETE",
    "PUT",
    "HEAD",
    "OPTIONS",
    "GET",
    "POST",
    "PATCH",
    "DELETE",
  ]);
  const id = r.pick([ids.nls, ids.nle, ...BAD_IDS, "nls-abcdef", "nle-abcdef"]);
  const base = r.pick([
    NLS,
    NLE,
    NLSA,
    "/networking/v1",
    "/networking/v2/network-link-services",
    "/",
    "/_emulatorx",
  ]);
  const path = r.next() < 0.5 ? base : `${base}/${encodeURIComponent(id)}${r.next() < 0.1 ? "/extra" : ""}`;
  const params: string[] = [];
  const keys = [
    "environment",
    "spec.network",
    "status.phase",
    "page_size",
    "page_token",
    "spec.network_link_service",
    "bogus",
  ];
  for (let i = r.int(4); i > 0; i--) {
    const value = r.pick([
      "env-aaaaa1",
      "env-bbbbb1",
      "env-zzzzz9",
      "",
      "-1",
      "1001",
      "abc",
      "%zz",
      "a,b,,",
      ...BAD_IDS,
    ]);
    params.push(`${r.pick(keys)}=${r.next() < 0.9 ? encodeURIComponent(value) : value}`);
  }
  const url = params.length ? `${path}?${params.join("&")}` : path;
  let payload: string | undefined;
  let contentType = "application/json";
  if (method !== "GET" && method !== "HEAD" && r.next() < 0.9) {
    const kind = r.int(10);
    if (kind === 0) payload = r.pick(["{", "[1,", "nul", '{"spec":}', "\u0000", '{"__proto__":{"x":1}}']);
    else if (kind === 1) {
      payload = "spec=1";
      contentType = r.pick(["text/plain", "application/x-www-form-urlencoded", "application/xml"]);
    } else {
      const valid = r.pick([
        serviceBody("env-aaaaa1", "n-aaaaa2"),
        endpointBody("env-bbbbb1", "n-bbbbb2", ids.nls),
        { spec: { environment: { id: "env-aaaaa1" }, display_name: "changed" } },
      ]);
      payload = JSON.stringify(badBody(r, valid, method === "PATCH"));
    }
  }
  // Writes with a well-formed body still need a defect elsewhere: a bad query or an unknown ID.
  return { method, url, payload, headers: { authorization: AUTH, "content-type": contentType } };
}

async function state() {
  return (await send({ method: "GET", url: "/_emulator/state" })).body;
}

test("fuzz: 1,500 random malformed requests never cause a 5xx and never change the store", async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
  const r = prng(seed);
  const before = await state();
  const statuses: Record<number, number> = {};
  for (let i = 0; i < 1500; i++) {
    const req = randomRequest(r);
    const response = await send(req);
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
    const context = `seed ${seed}, request ${i}: ${req.method} ${req.url} ${req.payload ?? ""}`;
    if (response.statusCode >= 500)
      throw new Error(`${response.statusCode} for ${context}\n${response.body}`);
    if (!response.headers["x-request-id"]) throw new Error(`no X-Request-Id for ${context}`);
    if (req.method !== "GET" && req.method !== "HEAD" && response.statusCode < 300) {
      throw new Error(`a malformed write succeeded (${response.statusCode}) for ${context}`);
    }
    if (req.method !== "HEAD" && response.statusCode !== 204) {
      const pathname = req.url.split("?")[0];
      try {
        assertNoSchemaBreak(req.method, pathname, response.json());
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${context}`);
      }
    }
  }
  expect(await state()).toBe(before);
  expect(Object.keys(statuses).every((s) => Number(s) < 500)).toBe(true);
});

test("fuzz: a malformed PATCH with valid fields beside the defect changes nothing (no half-applied change)", async () => {
  const before = await state();
  const response = await send({
    method: "PATCH",
    url: `${NLS}/${ids.nls}`,
    headers: { authorization: AUTH },
    payload: {
      spec: { environment: { id: "env-aaaaa1" }, display_name: "new", accept: { environments: ["bad"] } },
    },
  });
  expect(response.statusCode).toBe(400);
  expect(response.json().errors[0].source.pointer).toBe("/spec/accept/environments/0");
  expect(await state()).toBe(before);
});

/** Admin requests that must all fail: bad IDs, junk bodies, wrong content types, foreign hosts. */
function randomAdminRequest(r: Rng) {
  const id = r.pick([
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    ...BAD_IDS,
    "nls-zzzzzz",
    "n-zzzzz9",
  ]);
  const [method, path] = r.pick([
    ["POST", `/_emulator/resources/${encodeURIComponent(id)}/phase`],
    ["DELETE", `/_emulator/resources/${encodeURIComponent(id)}`],
    ["PATCH", `/_emulator/networks/${encodeURIComponent(id)}`],
    ["POST", "/_emulator/seed"],
    ["PUT", "/_emulator/faults"],
    ["PUT", "/_emulator/delays"],
    ["PUT", "/_emulator/credentials"],
    ["POST", "/_emulator/reset"],
    ["PATCH", "/_emulator/state"],
  ] as const);
  const junkBody = () =>
    JSON.stringify(
      r.pick([
        junk(r),
        { __proto__: { polluted: 1 } },
        JSON.parse('{"__proto__":{"polluted":1}}'),
        { constructor: { prototype: { polluted: 1 } } },
        { keepSeed: "no" },
        { phase: 5 },
        { kafka_clusters: -1 },
        { environments: [{ id: "__proto__" }] },
        { rateLimit: { requestsPerSecond: -1 } },
        { latencyMs: "x" },
        { serviceProvisioningMs: -5 },
        { credentials: [] },
        { credentials: [{ key: "k" }] },
      ]),
    );
  const variant = r.int(4);
  const headers: Record<string, string> = { "content-type": "application/json" };
  let payload: string | undefined = junkBody();
  // `{}` and `null` are valid for routes whose fields are all optional: not junk there.
  if (payload === "{}" || payload === "null") payload = '{"unknown_field":1}';
  const validForPath =
    path === "/_emulator/reset"
      ? "{}"
      : path.endsWith("/phase")
        ? '{"phase":"FAILED"}'
        : '{"kafka_clusters":0}';
  if (variant === 0) {
    // A well-formed body under a foreign Origin: refused before anything is read.
    headers.origin = r.pick(["http://evil.example", "null", "http://127.0.0.1.evil.example"]);
    payload = validForPath;
  } else if (variant === 1) {
    headers["content-type"] = r.pick(["text/plain", "application/x-www-form-urlencoded"]);
    payload = validForPath;
  } else if (method === "DELETE") {
    payload = undefined;
  }
  return { method, url: path, payload, headers };
}

test("fuzz: 600 random malformed admin requests never cause a 5xx, never change anything, never break later requests", async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
  const r = prng(seed);
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        ["/_emulator/state", "/_emulator/faults", "/_emulator/delays", "/_emulator/credentials"].map(
          async (url) => (await send({ method: "GET", url })).body,
        ),
      ),
    );
  const before = await snapshot();
  for (let i = 0; i < 600; i++) {
    const req = randomAdminRequest(r);
    // Only requests that must fail are generated: a valid ID on DELETE could legitimately succeed.
    if (req.method === "DELETE" && /\/(nls|nle)-[a-z0-9]+$/.test(req.url) && !req.headers.origin) continue;
    const response = await send(req);
    const context = `seed ${seed}, admin request ${i}: ${req.method} ${req.url} ${JSON.stringify(req.headers)} ${req.payload ?? ""}`;
    if (response.statusCode >= 500)
      throw new Error(`${response.statusCode} for ${context}\n${response.body}`);
    if (response.statusCode < 400)
      throw new Error(`a malformed admin request succeeded (${response.statusCode}) for ${context}`);
    assertNoSchemaBreak(req.method, req.url, response.json());
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(await snapshot()).toBe(before);
  // Later requests, with bodies, still work.
  const ok = await send({
    method: "GET",
    url: `${NLS}/${ids.nls}?environment=env-aaaaa1`,
    headers: { authorization: AUTH },
  });
  expect(ok.statusCode).toBe(200);
  const reset = await send({ method: "POST", url: "/_emulator/counters/reset", payload: {} });
  expect(reset.statusCode).toBe(200);
});
