import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "confluent-network-link-emulator";
import { Errors } from "../../emulator/errors";
import {
  AUTH,
  endpointBody,
  NLE,
  NLS,
  serviceBody,
  startHarness,
  TEST_SEED,
  ZERO_DELAYS,
  type Harness,
} from "../support/emulator-api";
import { rawRequest } from "../support/raw-http";

/**
 * Every error factory method, reached over HTTP through a request that really produces it, so a
 * drifted code, title or status shows here. The list is checked against the factory's own keys.
 */
let h: Harness;
const dir = mkdtempSync(path.join(tmpdir(), "nl-emulator-errors-"));
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.emulator.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => h.admin.reset());

interface Produced {
  status: number;
  code: string;
  body: { errors: { id: string; status: string; code: string; title: string; detail: string }[] };
}

const json = async (r: Response): Promise<Produced> => ({
  status: r.status,
  code: "",
  body: (await r.json()) as Produced["body"],
});
const get = (url: string, headers: Record<string, string> = { authorization: AUTH }) =>
  fetch(url, { headers });

const producers: Record<keyof typeof Errors, () => Promise<Produced>> = {
  bad_request: async () => json(await get(`${h.emulator.url}${NLS}`)),
  invalid_filter: async () => json(await get(`${h.emulator.url}${NLS}?environment=env-aaaaa1&colour=red`)),
  user_unauthenticated: async () => json(await get(`${h.emulator.url}${NLS}?environment=env-aaaaa1`, {})),
  quota_exceeded: async () => {
    const services: string[] = [];
    for (const n of ["n-aaaaa1", "n-aaaaa2", "n-aaaaa3", "n-aaaaa4", "n-aaaaa5"]) {
      services.push(
        (await h.call("POST", NLS, serviceBody("env-aaaaa1", n, { environments: ["env-bbbbb1"] }))).body.id,
      );
    }
    for (const n of ["n-bbbbb1", "n-bbbbb2", "n-bbbbb3", "n-bbbbb4"]) {
      for (const s of services) await h.call("POST", NLE, endpointBody("env-bbbbb1", n, s));
    }
    const r = await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb5", services[0]));
    return { status: r.status, code: "", body: r.body };
  },
  user_unauthorized: async () => json(await get(`${h.emulator.url}${NLS}?environment=env-zzzzz1`)),
  not_found: async () => json(await get(`${h.emulator.url}${NLS}/nls-zzzzzz?environment=env-aaaaa1`)),
  resource_already_exists: async () => {
    const nls = (
      await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1", { environments: ["env-bbbbb1"] }))
    ).body;
    await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", nls.id));
    const r = await h.call("POST", NLE, endpointBody("env-bbbbb1", "n-bbbbb1", nls.id));
    return { status: r.status, code: "", body: r.body };
  },
  resource_conflict: async () => {
    await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1"));
    const r = await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-aaaaa1"));
    return { status: r.status, code: "", body: r.body };
  },
  unsupported_media_type: async () => {
    const r = await h.call("POST", NLS, "spec=1", { "content-type": "text/plain" });
    return { status: r.status, code: "", body: r.body };
  },
  invalid_configuration: async () => {
    const r = await h.call("POST", NLS, serviceBody("env-aaaaa1", "n-zzzzz1"));
    return { status: r.status, code: "", body: r.body };
  },
  rate_limit_exceeded: async () => {
    await h.admin.setFaults({ rateLimit: { requestsPerSecond: 1 } });
    await get(`${h.emulator.url}${NLS}?environment=env-aaaaa1`);
    return json(await get(`${h.emulator.url}${NLS}?environment=env-aaaaa1`));
  },
  internal_error: async () => {
    // A real unexpected failure: the persistence directory vanishes under a running emulator.
    const stateDir = mkdtempSync(path.join(dir, "state-"));
    const broken = await startEmulator({
      seed: TEST_SEED,
      delays: ZERO_DELAYS,
      persistFile: path.join(stateDir, "s.json"),
    });
    try {
      rmSync(stateDir, { recursive: true, force: true });
      return await json(
        await fetch(`${broken.url}${NLS}`, {
          method: "POST",
          headers: { authorization: AUTH, "content-type": "application/json" },
          body: JSON.stringify(serviceBody("env-aaaaa1", "n-aaaaa1")),
        }),
      );
    } finally {
      await broken.close();
    }
  },
  injected: async () => {
    await h.admin.setFaults({ errors: { count: 1, status: 503 } });
    return json(await get(`${h.emulator.url}${NLS}?environment=env-aaaaa1`));
  },
  from_framework: async () => {
    const r = await rawRequest(h.emulator.url, {
      method: "POST",
      path: NLS,
      headers: { authorization: AUTH, "content-type": "application/json" },
      body: JSON.stringify({ spec: { display_name: "x".repeat(1 << 20) } }),
    });
    return { status: r.status, code: "", body: JSON.parse(r.body) };
  },
};

const expected: Record<keyof typeof Errors, [number, string]> = {
  bad_request: [400, "bad_request"],
  invalid_filter: [400, "invalid_filter"],
  user_unauthenticated: [401, "user_unauthenticated"],
  quota_exceeded: [402, "quota_exceeded"],
  user_unauthorized: [403, "user_unauthorized"],
  not_found: [404, "not_found"],
  resource_already_exists: [409, "resource_already_exists"],
  resource_conflict: [409, "resource_conflict"],
  unsupported_media_type: [415, "unsupported_media_type"],
  invalid_configuration: [422, "invalid_configuration"],
  rate_limit_exceeded: [429, "rate_limit_exceeded"],
  internal_error: [500, "internal_error"],
  injected: [503, "service_unavailable"],
  from_framework: [413, "payload_too_large"],
};

test("every factory method has a producer here", () => {
  expect(Object.keys(producers).sort()).toEqual(Object.keys(Errors).sort());
});

test.each(Object.keys(expected) as (keyof typeof Errors)[])("%s over HTTP", async (name) => {
  const [status, code] = expected[name];
  const r = await producers[name]();
  expect(r.status).toBe(status);
  expect(r.body.errors).toHaveLength(1);
  const [error] = r.body.errors;
  expect(error).toMatchObject({ status: String(status), code });
  expect(error.title).toBeTruthy();
  expect(error.detail).toBeTruthy();
  expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
});
