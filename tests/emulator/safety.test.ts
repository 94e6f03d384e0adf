import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "confluent-network-link-emulator";
import { NLS, serviceBody, startHarness, TEST_SEED, type Harness } from "../support/emulator-api";
import { rawRequest } from "../support/raw-http";

/** Issue 15, items 6–8: request IDs cannot reach prototypes, the admin API is not a web target, state files are checked. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());

const admin = (method: string, urlPath: string, body?: string, headers: Record<string, string> = {}) =>
  rawRequest(h.emulator.url, {
    method,
    path: `/_emulator${urlPath}`,
    headers: {
      host: `127.0.0.1:${h.emulator.port}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body,
  });

describe("prototype pollution: path IDs are validated and stores are Maps", () => {
  test.each([
    ["POST", "/resources/__proto__/phase", '{"phase":"FAILED"}'],
    ["POST", "/resources/constructor/phase", '{"phase":"FAILED"}'],
    ["PATCH", "/networks/__proto__", '{"kafka_clusters":0}'],
    ["PATCH", "/networks/constructor", '{"kafka_clusters":0}'],
    ["DELETE", "/resources/constructor", undefined],
    ["DELETE", "/resources/__proto__", undefined],
  ])("%s %s → 400, and nothing leaks onto Object.prototype", async (method, urlPath, body) => {
    const r = await admin(method, urlPath, body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).errors[0].source).toEqual({ parameter: "id" });
    expect(({} as Record<string, unknown>).phase).toBeUndefined();
    // Later requests still work, body and all.
    expect((await admin("POST", "/reset", "{}")).status).toBe(200);
    expect((await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1"))).status).toBe(202);
  });

  test("a seed naming __proto__ is refused; IDs of the right form that name nothing are 404", async () => {
    const seed = await admin("POST", "/seed", JSON.stringify({ environments: [{ id: "__proto__" }] }));
    expect(seed.status).toBe(400);
    expect((await admin("POST", "/resources/nls-zzzzzz/phase", '{"phase":"FAILED"}')).status).toBe(404);
    const api = await h.call("GET", `${NLS}/constructor?environment=env-aaaaa1`);
    expect(api.status).toBe(400);
  });
});

describe("admin API: loopback Host/Origin only (unless the admin token is given), JSON writes only", () => {
  test.each([
    ["a foreign Host (DNS rebinding)", { host: "evil.example:80" }],
    ["a foreign Origin", { origin: "http://evil.example" }],
    ["a null Origin", { origin: "null" }],
  ])("%s → 403, for reads and writes", async (_name, headers) => {
    for (const [method, urlPath, body] of [
      ["GET", "/state", undefined],
      ["POST", "/reset", "{}"],
    ] as const) {
      const r = await admin(method, urlPath, body, headers);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).errors[0].code).toBe("user_unauthorized");
    }
  });

  test("loopback Origins and Hosts are fine: localhost, 127.0.0.1, [::1]", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: `http://localhost:${h.emulator.port}` },
      { host: `localhost:${h.emulator.port}` },
      { host: `[::1]:${h.emulator.port}` },
    ]) {
      expect((await admin("GET", "/state", undefined, headers)).status).toBe(200);
    }
  });

  test("a body-less or non-JSON admin write is refused with 415 (no simple cross-origin POST)", async () => {
    await h.admin.reset();
    await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa2"));
    expect((await admin("POST", "/reset")).status).toBe(415);
    expect((await admin("POST", "/reset", "keepSeed=false", { "content-type": "text/plain" })).status).toBe(
      415,
    );
    expect(
      (await admin("POST", "/reset", "", { "content-type": "application/x-www-form-urlencoded" })).status,
    ).toBe(415);
    expect((await h.admin.state()).services).toHaveLength(1);
    // A JSON write without a body is fine.
    expect((await admin("POST", "/reset", "")).status).toBe(200);
    expect((await h.admin.state()).services).toHaveLength(0);
  });

  test("with an admin token, a non-loopback request that carries it is served; one without it is not", async () => {
    const guarded = await startEmulator({ adminToken: "admin-token-1234" });
    try {
      const headers = { host: "emulator.ci.internal:8080" };
      const call = (extra: Record<string, string>) =>
        rawRequest(guarded.url, {
          method: "GET",
          path: "/_emulator/state",
          headers: { ...headers, ...extra },
        });
      expect((await call({})).status).toBe(403);
      expect((await call({ authorization: "Bearer wrong-token-1234" })).status).toBe(403);
      expect((await call({ authorization: "Bearer admin-token-1234" })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  test("the health route answers everyone (it reveals nothing)", async () => {
    const r = await admin("GET", "/health", undefined, { host: "evil.example" });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: "ok" });
  });

  test("binding a non-loopback interface warns", async () => {
    const warnings: string[] = [];
    const exposed = await startEmulator({ host: "0.0.0.0", warn: (m) => warnings.push(m) });
    await exposed.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/listening on 0\.0\.0\.0 exposes the emulator beyond this machine/);
    expect(warnings[0]).toMatch(/Its admin API is closed; set an admin token \(--admin-token\) to use it\./);
    const local: string[] = [];
    await (await startEmulator({ warn: (m) => local.push(m) })).close();
    expect(local).toEqual([]);
  });
});

describe("persistence: a bad state file is refused at start, naming the file and the problem", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nl-emulator-safety-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ["empty", "", /empty\.json is not a usable emulator state file: the file is empty/],
    [
      "truncated",
      '{"version":2,"state":{"organ',
      /truncated\.json is not a usable emulator state file: it is not valid JSON/,
    ],
    [
      "wrong-shaped",
      JSON.stringify({
        version: 2,
        state: {
          organizationId: "o",
          environments: "env-a",
          networks: [],
          services: [],
          endpoints: [],
          sequence: 0,
        },
      }),
      /wrong-shaped\.json is not a usable emulator state file: at 'state\.environments'/,
    ],
  ])("%s file", async (name, content, message) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, content);
    await expect(startEmulator({ persistFile: file })).rejects.toThrow(message);
  });

  test("a temp file left by a killed process is removed at start; writes leave none", async () => {
    const file = path.join(dir, "state.json");
    writeFileSync(`${file}.99999.tmp`, '{"half":');
    const emulator = await startEmulator({ persistFile: file, seed: TEST_SEED });
    try {
      expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      const r = await fetch(`${emulator.url}${NLS}`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("EMULATOR_KEY:emulator-secret").toString("base64")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(serviceBody("env-aaaaa1", "n-aaaaa1")),
      });
      expect(r.status).toBe(202);
      expect(readdirSync(dir).filter((f) => f.startsWith("state.json"))).toEqual(["state.json"]);
    } finally {
      await emulator.close();
    }
  });
});
