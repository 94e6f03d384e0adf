import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "confluent-network-link-emulator";
import { AUTH, endpointBody, NLE, NLS, serviceBody, TEST_SEED, ZERO_DELAYS } from "../support/emulator-api";
import { assertNoSchemaBreak } from "../support/emulator-api";

const dir = mkdtempSync(path.join(tmpdir(), "nl-emulator-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(url: string, method: string, urlPath: string, body?: unknown) {
  const response = await fetch(`${url}${urlPath}`, {
    method,
    headers: { authorization: AUTH, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  assertNoSchemaBreak(method, urlPath, parsed);
  return { status: response.status, body: parsed };
}

test("persistence: services, endpoints, seeds and phase clocks survive a restart", async () => {
  const file = path.join(dir, "state.json");
  const options = {
    seed: TEST_SEED,
    delays: { ...ZERO_DELAYS, pendingAcceptExpiryMs: 400 },
    persistFile: file,
  };
  const first = await startEmulator(options);
  const nls = (
    await call(first.url, "POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1", { environments: [] }))
  ).body;
  const nle = (await call(first.url, "POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", nls.id))).body;
  expect(nle.status.phase).toBe("PENDING_ACCEPT");
  await fetch(`${first.url}/_emulator/seed`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      environments: [{ id: "env-ccccc1", networks: [{ id: "n-ccccc1", kafka_clusters: 0 }] }],
    }),
  });
  await first.close();
  expect(JSON.parse(readFileSync(file, "utf8")).version).toBe(2);

  const second = await startEmulator(options);
  try {
    const svc = await call(second.url, "GET", `${NLS}/${nls.id}?environment=env-aaaaa1`);
    // Same resource, links now on the new port.
    expect(svc.body).toEqual(JSON.parse(JSON.stringify(nls).replaceAll(first.url, second.url)));
    const state = (await (await fetch(`${second.url}/_emulator/state`)).json()) as { networks: unknown[] };
    expect(state.networks).toContainEqual(
      expect.objectContaining({ id: "n-ccccc1", environment: "env-ccccc1", kafka_clusters: 0 }),
    );
    // The expiry clock kept running across the restart.
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await call(second.url, "GET", `${NLE}/${nle.id}?environment=env-bbbbb1`)).body.status.phase).toBe(
      "EXPIRED",
    );
    // And rules still hold against the reloaded state.
    expect((await call(second.url, "POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1"))).status).toBe(409);
  } finally {
    await second.close();
  }
});

test("persistence: a state file that is not ours is refused at start", async () => {
  const file = path.join(dir, "other.json");
  writeFileSync(file, JSON.stringify({ hello: "world" }));
  await expect(startEmulator({ persistFile: file })).rejects.toThrow(
    /other\.json is not a usable emulator state file: at 'version'/,
  );
});
