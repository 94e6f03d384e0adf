import { networkInterfaces } from "node:os";
import {
  DEFAULT_CREDENTIALS,
  EmulatorAdmin,
  startEmulator,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { endpointBody, NLE, NLS, NLSA, serviceBody, TEST_SEED, ZERO_DELAYS } from "../support/emulator-api";
import { rawRequest } from "../support/raw-http";

/**
 * Issue 26 item 4: hostile HTTP against the admin guard. Paths are sent literally (node:http), so
 * percent-encoding, absolute-form URLs and dot segments reach the emulator as an attacker sends them.
 * A remote client is a connection through this machine's non-loopback address to an emulator
 * bound to 0.0.0.0, so the socket's remote address is not loopback. Listening beyond loopback, the
 * admin API answers the admin token only, even to this machine.
 */
const A = "env-aaaaa1";
const B = "env-bbbbb1";
const TOKEN = "admin-token-1234";
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
const ORG = basic(DEFAULT_CREDENTIALS.key, DEFAULT_CREDENTIALS.secret);
const TEAM_A = basic("TEAM_A_KEY", "team-a-secret");
const CREDENTIALS = [DEFAULT_CREDENTIALS, { key: "TEAM_A_KEY", secret: "team-a-secret", environments: [A] }];
const MALLORY = JSON.stringify({
  credentials: [...CREDENTIALS, { key: "MALLORY", secret: "mallory-secret" }],
});
const SAME_CREDENTIALS = JSON.stringify({ credentials: CREDENTIALS });
const FOREIGN = "evil.example";
const JSON_TYPE = { "content-type": "application/json" };

/** This machine's first non-loopback IPv4 address: connecting through it makes a remote client. */
const REMOTE = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === "IPv4" && !i.internal)?.address;

type ServerName = "local" | "localToken" | "exposed" | "exposedToken" | "dualStack";
const SERVERS: Record<ServerName, { host: string; adminToken?: string }> = {
  local: { host: "127.0.0.1" },
  localToken: { host: "127.0.0.1", adminToken: TOKEN },
  exposed: { host: "0.0.0.0" },
  exposedToken: { host: "0.0.0.0", adminToken: TOKEN },
  dualStack: { host: "::", adminToken: TOKEN },
};

/**
 * The emulator a case runs against, back at the same start so a breach cannot spill over: servers
 * with a working admin API are shared and reset; a closed one (beyond loopback, no token) is
 * started afresh for each case and read through the networking API only.
 */
interface Target {
  emulator: RunningEmulator;
  /** A trusted client (loopback, with the admin token where one is set); none for a closed server. */
  admin?: EmulatorAdmin;
  /** What a leak would reveal; case paths name them `{nls}` and `{nle}`. */
  inB: { nls: string; nle: string };
}
const shared: Partial<Record<ServerName, Target>> = {};
const isClosed = (server: ServerName) =>
  SERVERS[server].host !== "127.0.0.1" && SERVERS[server].adminToken === undefined;
const start = (server: ServerName) =>
  startEmulator({
    ...SERVERS[server],
    seed: TEST_SEED,
    delays: ZERO_DELAYS,
    credentials: CREDENTIALS,
    warn: () => undefined,
  });

beforeAll(async () => {
  for (const server of (Object.keys(SERVERS) as ServerName[]).filter((name) => !isClosed(name))) {
    const emulator = await start(server);
    const admin = new EmulatorAdmin(`http://127.0.0.1:${emulator.port}`, SERVERS[server].adminToken);
    shared[server] = { emulator, admin, inB: { nls: "", nle: "" } };
  }
});
afterAll(() => Promise.all(Object.values(shared).map((t) => t.emulator.close())));

async function prepare(server: ServerName): Promise<Target> {
  const t = shared[server] ?? { emulator: await start(server), inB: { nls: "", nle: "" } };
  if (t.admin) {
    await t.admin.reset({ keepSeed: false });
    await t.admin.seed(TEST_SEED);
    await t.admin.setCredentials(CREDENTIALS);
  }
  const create = async (path: string, body: unknown) => {
    const r = await fetch(`http://127.0.0.1:${t.emulator.port}${path}`, {
      method: "POST",
      headers: { authorization: ORG, ...JSON_TYPE },
      body: JSON.stringify(body),
    });
    return ((await r.json()) as { id: string }).id;
  };
  const nls = await create(NLS, serviceBody(B, "n-bbbbb1"));
  t.inB = { nls, nle: await create(NLE, endpointBody(B, "n-bbbbb2", nls)) };
  return t;
}

interface Case {
  name: string;
  server: ServerName;
  /** `remote`: through this machine's non-loopback address. */
  via: "loopback" | "remote";
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
}

function send(t: Target, c: Case) {
  const { port } = t.emulator;
  const address = c.via === "remote" ? REMOTE : "127.0.0.1";
  return rawRequest(`http://${address}:${port}`, {
    method: c.method,
    path: c.path.replace(/\{(nls|nle)\}/g, (_all, kind: "nls" | "nle") => t.inB[kind]),
    headers: { host: `127.0.0.1:${port}`, ...c.headers },
    body: c.body,
  });
}

/** What an admin write could change: through the admin API where it works, else through the networking API. */
async function snapshot(t: Target) {
  const read = async (path: string, authorization: string) => {
    const r = await fetch(`http://127.0.0.1:${t.emulator.port}${path}`, { headers: { authorization } });
    return { status: r.status, body: await r.text() };
  };
  if (!t.admin) {
    const lists = [NLS, NLE].flatMap((kind) => [A, B].map((env) => read(`${kind}?environment=${env}`, ORG)));
    const mallory = await read(`${NLS}?environment=${A}`, basic("MALLORY", "mallory-secret"));
    return { lists: await Promise.all(lists), mallory: mallory.status };
  }
  const faults = await read("/_emulator/faults", `Bearer ${TOKEN}`);
  return { state: await t.admin.state(), credentials: await t.admin.credentials(), faults };
}

/** Sends the case to its emulator, back at the start; a refusal must leave it unread and unchanged. */
async function check(c: Case): Promise<void> {
  if (c.via === "remote" && REMOTE === undefined) {
    throw new Error("this machine has no non-loopback IPv4 address to connect through");
  }
  const t = await prepare(c.server);
  try {
    const before = await snapshot(t);
    const r = await send(t, c);
    expect({ status: r.status, body: r.body.slice(0, 300) }).toMatchObject({ status: c.status });
    if (c.status >= 400) {
      if (c.method !== "HEAD") {
        expect(JSON.parse(r.body)).toEqual({
          errors: [expect.objectContaining({ status: String(c.status) })],
        });
      }
      if (c.path.includes("mulator")) expect(r.body).not.toContain(t.inB.nls);
      expect(await snapshot(t)).toEqual(before);
    }
  } finally {
    if (!t.admin) await t.emulator.close();
  }
}

/** Admin spellings that fastify routes to the admin state handler. */
const ROUTED = [
  "/_emulator/state",
  "/%5Femulator/state",
  "/%5femulator/state",
  "/%5F%65mulator/state",
  "/%5F%65%6D%75%6C%61%74%6F%72/%73%74%61%74%65",
  "/_emulator/%73tate",
  "/%5Femulator/state?x=1",
  "http://127.0.0.1/_emulator/state",
  "http://evil.example/%5Femulator/state",
];
/** Admin spellings that fastify routes nowhere (404) but that name the admin API once normalised. */
const UNROUTED = [
  "/_emulator/state/",
  "//_emulator/state",
  "/_emulator//state",
  "/%5Femulator//state",
  "/./_emulator/state",
  "/x/../_emulator/state",
  "/_emulator/./state",
  "/_EMULATOR/state",
  "/_emulator%2Fstate",
  "/%255Femulator/state",
  "/_emulator\\state",
];
const SPOOFED_FORWARDING: Record<string, string>[] = [
  { "x-forwarded-for": "127.0.0.1" },
  { forwarded: "for=127.0.0.1;host=127.0.0.1" },
  { "x-real-ip": "127.0.0.1" },
];

const loopbackBind: Case[] = [
  ...ROUTED.map((path) => ({
    name: `${path}: foreign Host with an API key`,
    server: "local" as const,
    via: "loopback" as const,
    method: "GET",
    path,
    headers: { host: FOREIGN, authorization: ORG },
    status: 403,
  })),
  ...ROUTED.map((path) => ({
    name: `${path}: from this machine, no key`,
    server: "local" as const,
    via: "loopback" as const,
    method: "GET",
    path,
    status: 200,
  })),
  ...UNROUTED.map((path) => ({
    name: `${path}: foreign Host with an API key`,
    server: "local" as const,
    via: "loopback" as const,
    method: "GET",
    path,
    headers: { host: FOREIGN, authorization: ORG },
    status: 403,
  })),
  ...UNROUTED.map((path) => ({
    name: `${path}: from this machine, no key`,
    server: "local" as const,
    via: "loopback" as const,
    method: "GET",
    path,
    status: 404,
  })),
  ...SPOOFED_FORWARDING.map((headers) => ({
    name: `/%5Femulator/state: foreign Host, ${Object.keys(headers)[0]} 127.0.0.1`,
    server: "local" as const,
    via: "loopback" as const,
    method: "GET",
    path: "/%5Femulator/state",
    headers: { host: FOREIGN, authorization: ORG, ...headers },
    status: 403,
  })),
  ...[
    ["HEAD", "/%5Femulator/state", undefined],
    ["POST", "/%5F%65mulator/reset", "{}"],
    ["POST", "/%5Femulator/reset", '{"keepSeed":false}'],
    ["PUT", "/%5Femulator/credentials", MALLORY],
    ["PUT", "/%5Femulator/faults", '{"errors":{"count":100,"status":503}}'],
    ["DELETE", "/%5Femulator/resources/{nls}", undefined],
    ["GET", "/%5Femulator/credentials", undefined],
  ].map(([method, path, body]) => ({
    name: `${method} ${path}: foreign Host with an API key`,
    server: "local" as const,
    via: "loopback" as const,
    method: method as string,
    path: path as string,
    headers: { host: FOREIGN, authorization: ORG, ...(body ? JSON_TYPE : {}) },
    body,
    status: 403,
  })),
  {
    name: "/%5Femulator/state: a key scoped to A, foreign Host",
    server: "local",
    via: "loopback",
    method: "GET",
    path: "/%5Femulator/state",
    headers: { host: FOREIGN, authorization: TEAM_A },
    status: 403,
  },
  {
    name: "http://evil.example/%5Femulator/state: a key scoped to A, foreign Host",
    server: "local",
    via: "loopback",
    method: "GET",
    path: "http://evil.example/%5Femulator/state",
    headers: { host: FOREIGN, authorization: TEAM_A },
    status: 403,
  },
  {
    name: "/%5Femulator/health: foreign Host, no key (health answers everyone)",
    server: "local",
    via: "loopback",
    method: "GET",
    path: "/%5Femulator/health",
    headers: { host: FOREIGN },
    status: 200,
  },
  {
    name: "/_emulator/state: foreign Host with the admin token",
    server: "localToken",
    via: "loopback",
    method: "GET",
    path: "/_emulator/state",
    headers: { host: FOREIGN, authorization: `Bearer ${TOKEN}` },
    status: 200,
  },
  {
    name: "/%5Femulator/state: foreign Host with an API key, token configured",
    server: "localToken",
    via: "loopback",
    method: "GET",
    path: "/%5Femulator/state",
    headers: { host: FOREIGN, authorization: ORG },
    status: 403,
  },
];

const remote = (c: Omit<Case, "via">): Case => ({ ...c, via: "remote" });
const spoofedHosts = ["127.0.0.1", "localhost", "[::1]"];
const exposedBind: Case[] = [
  remote({
    name: "the networking API answers remote clients (the connection works)",
    server: "exposed",
    method: "GET",
    path: `${NLS}?environment=${A}`,
    headers: { authorization: ORG },
    status: 200,
  }),
  ...spoofedHosts.map((host) =>
    remote({
      name: `/_emulator/state: Host ${host}`,
      server: "exposed",
      method: "GET",
      path: "/_emulator/state",
      headers: { host },
      status: 403,
    }),
  ),
  remote({
    name: "/_emulator/state: Host and Origin loopback",
    server: "exposed",
    method: "GET",
    path: "/_emulator/state",
    headers: { origin: "http://127.0.0.1" },
    status: 403,
  }),
  ...SPOOFED_FORWARDING.map((headers) =>
    remote({
      name: `/_emulator/state: ${Object.keys(headers)[0]} 127.0.0.1`,
      server: "exposed",
      method: "GET",
      path: "/_emulator/state",
      headers,
      status: 403,
    }),
  ),
  remote({
    name: "PUT /_emulator/credentials adding a key",
    server: "exposed",
    method: "PUT",
    path: "/_emulator/credentials",
    headers: JSON_TYPE,
    body: MALLORY,
    status: 403,
  }),
  remote({
    name: "POST /_emulator/reset",
    server: "exposed",
    method: "POST",
    path: "/_emulator/reset",
    headers: JSON_TYPE,
    body: "{}",
    status: 403,
  }),
  remote({
    name: "/%5Femulator/state with an API key",
    server: "exposed",
    method: "GET",
    path: "/%5Femulator/state",
    headers: { authorization: ORG },
    status: 403,
  }),
  remote({
    name: "/%5Femulator/state with a key scoped to A",
    server: "exposed",
    method: "GET",
    path: "/%5Femulator/state",
    headers: { authorization: TEAM_A },
    status: 403,
  }),
  remote({
    name: "/_emulator/state with some bearer token, none configured",
    server: "exposed",
    method: "GET",
    path: "/_emulator/state",
    headers: { authorization: `Bearer ${TOKEN}` },
    status: 403,
  }),
  remote({
    name: "/_emulator/health",
    server: "exposed",
    method: "GET",
    path: "/_emulator/health",
    status: 200,
  }),
  {
    name: "/_emulator/state from this machine, loopback Host (closed: no token is set)",
    server: "exposed",
    via: "loopback",
    method: "GET",
    path: "/_emulator/state",
    status: 403,
  },
  {
    name: "/_emulator/state from this machine, foreign Host",
    server: "exposed",
    via: "loopback",
    method: "GET",
    path: "/_emulator/state",
    headers: { host: FOREIGN },
    status: 403,
  },
  {
    name: "/_emulator/state on a dual-stack bind from 127.0.0.1 (::ffff:127.0.0.1), no token",
    server: "dualStack",
    via: "loopback",
    method: "GET",
    path: "/_emulator/state",
    status: 403,
  },
  {
    name: "/_emulator/state on a dual-stack bind from 127.0.0.1 (::ffff:127.0.0.1), the token",
    server: "dualStack",
    via: "loopback",
    method: "GET",
    path: "/_emulator/state",
    headers: { authorization: `Bearer ${TOKEN}` },
    status: 200,
  },
  remote({
    name: "/_emulator/state on a dual-stack bind, Host 127.0.0.1, no token",
    server: "dualStack",
    method: "GET",
    path: "/_emulator/state",
    status: 403,
  }),
];

const tokens: [string, string | undefined, number][] = [
  ["no Authorization", undefined, 403],
  ["a wrong token of the same length", "Bearer admin-token-9999", 403],
  ["a shorter wrong token", "Bearer admin", 403],
  ["the token's prefix", `Bearer ${TOKEN.slice(0, -1)}`, 403],
  ["the token plus a character", `Bearer ${TOKEN}x`, 403],
  ["the token through Basic", `Basic ${Buffer.from(TOKEN).toString("base64")}`, 403],
  ["the token as Basic user:password", basic(TOKEN, TOKEN), 403],
  ["an API key", ORG, 403],
  ["the right token", `Bearer ${TOKEN}`, 200],
  ["the right token, scheme in lower case", `bearer ${TOKEN}`, 200],
];
const exposedWithToken: Case[] = [
  ...tokens.map(([name, authorization, status]) =>
    remote({
      name: `/_emulator/state, Host 127.0.0.1: ${name}`,
      server: "exposedToken",
      method: "GET",
      path: "/_emulator/state",
      headers: authorization ? { authorization } : {},
      status,
    }),
  ),
  ...tokens.map(([name, authorization, status]) =>
    remote({
      name: `PUT /%5Femulator/credentials, Host 127.0.0.1: ${name}`,
      server: "exposedToken",
      method: "PUT",
      path: "/%5Femulator/credentials",
      headers: { ...JSON_TYPE, ...(authorization ? { authorization } : {}) },
      body: status === 200 ? SAME_CREDENTIALS : MALLORY,
      status,
    }),
  ),
  remote({
    name: "/_emulator/state: x-forwarded-for 127.0.0.1, no token",
    server: "exposedToken",
    method: "GET",
    path: "/_emulator/state",
    headers: { "x-forwarded-for": "127.0.0.1" },
    status: 403,
  }),
  remote({
    name: "/_emulator/state: foreign Host with the right token",
    server: "exposedToken",
    method: "GET",
    path: "/_emulator/state",
    headers: { host: FOREIGN, authorization: `Bearer ${TOKEN}` },
    status: 200,
  }),
  {
    name: "/_emulator/state from this machine, no token (a local proxy could be relaying anyone)",
    server: "exposedToken",
    via: "loopback",
    method: "GET",
    path: "/_emulator/state",
    status: 403,
  },
  {
    name: "/_emulator/state from this machine, the token",
    server: "exposedToken",
    via: "loopback",
    method: "GET",
    path: "/_emulator/state",
    headers: { authorization: `Bearer ${TOKEN}` },
    status: 200,
  },
];

/** A key scoped to A against B's resources, through every route that takes an environment. */
const PATCH_IN_B = JSON.stringify({ spec: { environment: { id: B }, display_name: "x" } });
const PATCH_IN_A = JSON.stringify({ spec: { environment: { id: A }, display_name: "x" } });
const scoped: [string, string, string, number, string?][] = [
  ["list services in B", "GET", `${NLS}?environment=${B}`, 403],
  ["list services in B, encoded path", "GET", `/networking/v1/%6Eetwork-link-services?environment=${B}`, 403],
  ["list services, environment given twice", "GET", `${NLS}?environment=${A}&environment=${B}`, 400],
  ["list endpoints in B", "GET", `${NLE}?environment=${B}`, 403],
  ["get B's service in B", "GET", `${NLS}/{nls}?environment=${B}`, 403],
  ["get B's service in A", "GET", `${NLS}/{nls}?environment=${A}`, 404],
  ["get B's service, environment given twice", "GET", `${NLS}/{nls}?environment=${A}&environment=${B}`, 400],
  ["get B's endpoint in A", "GET", `${NLE}/{nle}?environment=${A}`, 404],
  ["get B's endpoint in B, encoded query name", "GET", `${NLE}/{nle}?%65nvironment=${B}`, 403],
  ["patch B's service naming B", "PATCH", `${NLS}/{nls}`, 403, PATCH_IN_B],
  ["patch B's service naming A, query B", "PATCH", `${NLS}/{nls}?environment=${B}`, 404, PATCH_IN_A],
  ["delete B's service in A", "DELETE", `${NLS}/{nls}?environment=${A}`, 404],
  ["delete B's endpoint in B", "DELETE", `${NLE}/{nle}?environment=${B}`, 403],
  [
    "associations of B's service in A",
    "GET",
    `${NLSA}?environment=${A}&spec.network_link_service={nls}`,
    404,
  ],
  [
    "associations of B's service in B",
    "GET",
    `${NLSA}?environment=${B}&spec.network_link_service={nls}`,
    403,
  ],
  [
    "association of B's endpoint in A",
    "GET",
    `${NLSA}/{nle}?environment=${A}&spec.network_link_service={nls}`,
    404,
  ],
];

describe("the admin API answers this machine, or the admin token; never a spelling, a Host or a forwarding header", () => {
  test.each([...loopbackBind, ...exposedBind, ...exposedWithToken])(
    "$server via $via: $name → $status",
    check,
  );
});

describe("a key scoped to environment A never reaches B's resources, by any route or spelling", () => {
  const cases = scoped.map(([name, method, path, status, body]): Case => ({
    name,
    server: "local",
    via: "loopback",
    method,
    path,
    headers: { authorization: TEAM_A, ...(body ? JSON_TYPE : {}) },
    body,
    status,
  }));
  test.each(cases)("$name: $method $path → $status", check);
});
