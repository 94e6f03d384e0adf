import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AUTH, NETWORKS, NLS, serviceBody, TEST_SEED } from "../support/emulator-api";
import { alive, ROOT, runCli, runSource, TSX_LOADER, CLI_SOURCE, until } from "../support/emulator-cli";

/** Issue 15 item 9: the CLI in someone else's CI (and issue 16 item 9's keys, from settings). */
const dir = mkdtempSync(path.join(tmpdir(), "nl-emulator-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;

test("flags: one JSON ready line on stdout, --log lines on stderr, --key scoping, SIGTERM exits 0 and removes the port file", async () => {
  const seedFile = path.join(dir, "seed.json");
  const portFile = path.join(dir, "port");
  const eu = { id: "env-ccccc1", networks: [{ id: "n-ccccc1", cloud: "AWS", region: "eu-west-2" }] };
  writeFileSync(seedFile, JSON.stringify({ ...TEST_SEED, environments: [...TEST_SEED.environments, eu] }));
  const run = runSource([
    "--port",
    "0",
    "--seed",
    seedFile,
    "--service-delay-ms",
    "0",
    "--log",
    "--port-file",
    portFile,
    "--api-key",
    "CLIKEY",
    "--api-secret",
    "cli-secret",
    "--key",
    "TEAMKEY:team-secret@env-bbbbb1",
  ]);
  try {
    const ready = await run.ready;
    expect(ready).toEqual({
      event: "ready",
      url: `http://127.0.0.1:${ready.port}`,
      port: ready.port,
      pid: run.child.pid,
    });
    expect(readFileSync(portFile, "utf8")).toBe(`${ready.port}\n`);
    const created = await fetch(`${ready.url}${NLS}`, {
      method: "POST",
      headers: { authorization: basic("CLIKEY", "cli-secret"), "content-type": "application/json" },
      body: JSON.stringify(serviceBody("env-bbbbb1", "n-bbbbb6")),
    });
    expect(created.status).toBe(202);
    const network = await fetch(`${ready.url}${NETWORKS}/n-ccccc1?environment=env-ccccc1`, {
      headers: { authorization: basic("CLIKEY", "cli-secret") },
    });
    expect(((await network.json()) as { spec: { region: string } }).spec.region).toBe("eu-west-2");
    const team = (env: string) =>
      fetch(`${ready.url}${NLS}?environment=${env}`, {
        headers: { authorization: basic("TEAMKEY", "team-secret") },
      });
    expect((await team("env-bbbbb1")).status).toBe(200);
    expect((await team("env-aaaaa1")).status).toBe(403);
    expect(
      (await fetch(`${ready.url}${NLS}?environment=env-aaaaa1`, { headers: { authorization: AUTH } })).status,
    ).toBe(401);
    expect((await fetch(`${ready.url}/_emulator/health`)).status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
    // stdout held the ready line and nothing else; request logs went to stderr.
    expect(run.stdout().trim().split("\n")).toHaveLength(1);
    expect(run.stderr()).toMatch(/"url":"\/networking\/v1\/network-link-services/);
    expect(existsSync(portFile)).toBe(false);
  } finally {
    if (run.child.exitCode === null) run.child.kill("SIGKILL");
  }
});

test("CONFLUENT_EMULATOR_* environment variables configure it like the flags", async () => {
  const portFile = path.join(dir, "env-port");
  const run = runSource([], {
    CONFLUENT_EMULATOR_PORT: "0",
    CONFLUENT_EMULATOR_PORT_FILE: portFile,
    CONFLUENT_EMULATOR_API_KEY: "ENVKEY",
    CONFLUENT_EMULATOR_API_SECRET: "env-secret",
    CONFLUENT_EMULATOR_KEYS: "SCOPED:scoped-secret@env-aaaaa1",
    CONFLUENT_EMULATOR_TOKENS: "a-long-bearer-token",
    CONFLUENT_EMULATOR_SERVICE_DELAY_MS: "1234",
  });
  try {
    const ready = await run.ready;
    expect(readFileSync(portFile, "utf8").trim()).toBe(String(ready.port));
    const get = (authorization: string, env = "env-aaaaa1") =>
      fetch(`${ready.url}${NLS}?environment=${env}`, { headers: { authorization } });
    expect((await get(basic("ENVKEY", "env-secret"))).status).toBe(200);
    expect((await get(basic("SCOPED", "scoped-secret"))).status).toBe(200);
    expect((await get(basic("SCOPED", "scoped-secret"), "env-bbbbb1")).status).toBe(403);
    expect((await get("Bearer a-long-bearer-token")).status).toBe(200);
    const delays = (await (await fetch(`${ready.url}/_emulator/delays`)).json()) as {
      serviceProvisioningMs: number;
    };
    expect(delays.serviceProvisioningMs).toBe(1234);
  } finally {
    run.child.kill("SIGTERM");
    await run.exit;
  }
});

describe("bad settings stop it at once with exit 2, naming the file and the field", () => {
  test.each([
    [
      "a seed with a bad network ID",
      { environments: [{ id: "env-aaaaa1", networks: [{ id: "vpc-1" }] }] },
      /seed file .*bad-seed-0\.json: at 'environments\.0\.networks\.0\.id': must be a valid network ID/,
    ],
    [
      "a seed network with a cloud and no region",
      { environments: [{ id: "env-aaaaa1", networks: [{ id: "n-aaaaa1", cloud: "GCP" }] }] },
      /seed file .*bad-seed-0\.json: at 'environments\.0\.networks\.0\.region': cloud and region go together: give both or neither/,
    ],
    ["a seed that is not JSON", "{nope", /seed file .*bad-seed-1\.json: .*JSON/],
  ])("%s", async (_name, content, message) => {
    const file = path.join(dir, `bad-seed-${typeof content === "string" ? 1 : 0}.json`);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    const run = runSource(["--port", "0", "--seed", file]);
    run.ready.catch(() => undefined);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toMatch(message);
  });

  test("a malformed --key", async () => {
    const run = runSource(["--port", "0", "--key", "no-secret-here"]);
    run.ready.catch(() => undefined);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toMatch(/--key: 'no-secret-he…' is not of the form KEY:SECRET/);
  });
});

test("when its parent dies without passing SIGTERM on (as npx's shell can), it stops by itself", async () => {
  // A shell between the runner and the CLI, as `npx` → `npm exec` → `sh -c` puts one; `; true` keeps sh from exec-ing.
  const command = `"${process.execPath}" ${TSX_LOADER.join(" ")} ${CLI_SOURCE} --port 0; true`;
  const run = runCli("sh", ["-c", command]);
  const ready = await run.ready;
  expect(alive(ready.pid)).toBe(true);
  run.child.kill("SIGKILL");
  expect(await until(() => !alive(ready.pid), 5000)).toBe(true);
});

// The real `npx confluent-network-emulator` needs the built workspace bin (npm test builds first).
const bin = path.join(ROOT, "node_modules/.bin/confluent-network-emulator");
(existsSync(bin) && existsSync(path.join(ROOT, "emulator/dist/cli/main.js")) ? test : test.skip)(
  "npx confluent-network-emulator: SIGTERM to npx leaves no emulator serving",
  async () => {
    const run = runCli("npx", ["--no-install", "confluent-network-emulator", "--port", "0"]);
    const ready = await run.ready;
    run.child.kill("SIGTERM");
    await run.exit;
    expect(await until(() => !alive(ready.pid), 5000)).toBe(true);
    await expect(fetch(`${ready.url}/_emulator/health`)).rejects.toThrow();
  },
);
