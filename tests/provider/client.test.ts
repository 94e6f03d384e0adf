import * as http from "node:http";
import { AddressInfo } from "node:net";
import { ApiError } from "../../provider/client/errors";
import { NetworkingClient } from "../../provider/client/networking";
import {
  DEFAULT_CREDENTIALS,
  EmulatorAdmin,
  RunningEmulator,
  startEmulator,
} from "confluent-network-link-emulator";
import { USER_AGENT } from "../../provider/version";

let emulator: RunningEmulator;
let admin: EmulatorAdmin;
beforeAll(async () => {
  emulator = await startEmulator({
    delays: { serviceProvisioningMs: 0, endpointProvisioningMs: 0, deprovisioningMs: 0 },
  });
  admin = new EmulatorAdmin(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(() => admin.reset());

function client(overrides: { apiSecret?: string; limit?: number } = {}) {
  return new NetworkingClient({
    endpoint: emulator.url,
    apiKey: DEFAULT_CREDENTIALS.key,
    apiSecret: overrides.apiSecret ?? DEFAULT_CREDENTIALS.secret,
    userAgent: USER_AGENT,
    requestTimeoutMs: 2000,
    retry: { baseDelayMs: 10, maxDelayMs: 50, limit: overrides.limit ?? 6 },
  });
}

test("list follows metadata.next through every page", async () => {
  const networks = Array.from({ length: 130 }, (_, i) => ({ id: `n-page${String(i).padStart(3, "0")}` }));
  await admin.seed({ environments: [{ id: "env-pages1", networks }] });
  const c = client();
  for (const n of networks)
    await c.create("service", { spec: { environment: { id: "env-pages1" }, network: n } });
  await admin.resetCounters();
  const services = await c.list("service", "env-pages1");
  expect(services).toHaveLength(130);
  expect(new Set(services.map((s) => s.id)).size).toBe(130);
  expect((await admin.counters()).byRoute["GET /networking/v1/network-link-services"]).toBe(2);
});

test("filters by network", async () => {
  const c = client();
  await c.create("service", { spec: { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } } });
  await c.create("service", { spec: { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa2" } } });
  const found = await c.list("service", "env-aaaaa1", { network: ["n-aaaaa2"] });
  expect(found.map((s) => s.spec.network.id)).toEqual(["n-aaaaa2"]);
});

test("an API error carries status, code, detail and request ID, and a message to act on", async () => {
  const err = await client()
    .read("service", "env-aaaaa1", "nls-nothere")
    .catch((e) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 404, code: expect.any(String), requestId: expect.any(String) });
  expect(err.message).toMatch(
    /^reading network link service nls-nothere: 404 \w+: .*nls-nothere.* \(request id [\w-]+\)$/,
  );
});

test("wrong credentials: a 401 whose message says what to check and never quotes the secret", async () => {
  const secret = "wrong-secret-value-1234";
  const err = await client({ apiSecret: secret })
    .list("service", "env-aaaaa1")
    .catch((e) => e);
  expect(err).toMatchObject({ status: 401 });
  expect(err.message).toContain("confluentcloud:cloudApiKey");
  expect(err.message).not.toContain(secret);
  expect(JSON.stringify(err)).not.toContain(secret);
});

test("retries 5xx a bounded number of times, then reports the last error", async () => {
  await admin.setFaults({ errors: { status: 503 } });
  await admin.resetCounters();
  const err = await client({ limit: 2 })
    .list("service", "env-aaaaa1")
    .catch((e) => e);
  expect(err).toMatchObject({ status: 503 });
  expect((await admin.counters()).total).toBe(3);
});

test("waits out 429s, honouring Retry-After", async () => {
  await admin.setFaults({ rateLimit: { requestsPerSecond: 2 } });
  const c = client();
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 6 }, () => c.list("service", "env-aaaaa1")));
  expect(results).toHaveLength(6);
  // 6 requests at 2 per second cannot all pass in under a second: the client waited instead of failing.
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test("a connection that cannot be opened is an ApiError with status 0 and no credentials in its message", async () => {
  const c = new NetworkingClient({
    endpoint: "http://127.0.0.1:9",
    apiKey: "KEY-NOT-IN-MESSAGES",
    apiSecret: "SECRET-NOT-IN-MESSAGES",
    userAgent: USER_AGENT,
    retry: { limit: 1, baseDelayMs: 5 },
  });
  const err = await c.list("service", "env-aaaaa1").catch((e) => e);
  expect(err).toMatchObject({ status: 0, code: "ECONNREFUSED" });
  expect(err.message).toContain("could not complete the request to http://127.0.0.1:9 (ECONNREFUSED)");
  expect(err.message).not.toMatch(/KEY-NOT-IN-MESSAGES|SECRET-NOT-IN-MESSAGES/);
});

test("sends Basic auth and a User-Agent naming the package and version", async () => {
  // The emulator does not expose request headers, so a bare server records them.
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ metadata: {}, data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const c = new NetworkingClient({
      endpoint: `http://127.0.0.1:${port}`,
      apiKey: "k",
      apiSecret: "s",
      userAgent: USER_AGENT,
    });
    await c.list("service", "env-aaaaa1");
    expect(seen[0]["user-agent"]).toMatch(/^pulumi-confluent-network-link\/\d+\.\d+\.\d+$/);
    expect(seen[0].authorization).toBe(`Basic ${Buffer.from("k:s").toString("base64")}`);
  } finally {
    server.close();
  }
});

test("waits of many endpoints in one environment share list calls instead of one GET each", async () => {
  const c = client();
  const service = await c.create("service", {
    spec: {
      environment: { id: "env-aaaaa1" },
      network: { id: "n-aaaaa1" },
      accept: { environments: ["env-bbbbb1"], networks: [] },
    },
  });
  const endpoints = await Promise.all(
    ["n-bbbbb1", "n-bbbbb2"].map((network) =>
      c.create("endpoint", {
        spec: {
          environment: { id: "env-bbbbb1" },
          network: { id: network },
          network_link_service: { id: service.id },
        },
      }),
    ),
  );
  await admin.resetCounters();
  const polled = await Promise.all(
    [...endpoints, ...endpoints].map((e) => c.poll("endpoint", "env-bbbbb1", e.id)),
  );
  expect(polled.map((e) => e.id)).toEqual([...endpoints, ...endpoints].map((e) => e.id));
  const counters = await admin.counters();
  expect(counters.byRoute["GET /networking/v1/network-link-endpoints"]).toBe(1);
  expect(counters.byRoute["GET /networking/v1/network-link-endpoints/:id"] ?? 0).toBe(0);
});
