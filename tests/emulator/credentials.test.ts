import { EmulatorAdmin, startEmulator, type RunningEmulator } from "confluent-network-link-emulator";
import { endpointBody, NLE, NLS, NLSA, serviceBody, TEST_SEED, ZERO_DELAYS } from "../support/emulator-api";

/** Issue 16 item 9: several API keys, each optionally limited to environments (403 outside them). */
const A = "env-aaaaa1";
const B = "env-bbbbb1";
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
const TEAM_A = basic("TEAM_A_KEY", "team-a-secret");
const TEAM_B = basic("TEAM_B_KEY", "team-b-secret");
const ORG = basic("ORG_KEY", "org-secret");

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({
    seed: TEST_SEED,
    delays: ZERO_DELAYS,
    credentials: [
      { key: "TEAM_A_KEY", secret: "team-a-secret", environments: [A] },
      { key: "TEAM_B_KEY", secret: "team-b-secret", environments: [B] },
      { key: "ORG_KEY", secret: "org-secret" },
    ],
  });
});
afterAll(() => emulator.close());

async function call(auth: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: auth, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

test("each team's key works in its own environment; a bidirectional link needs one key per side", async () => {
  const nlsA = await call(TEAM_A, "POST", NLS, serviceBody(A, "n-aaaaa1", { environments: [B] }));
  expect(nlsA.status).toBe(202);
  const nlsB = await call(TEAM_B, "POST", NLS, serviceBody(B, "n-bbbbb1", { environments: [A] }));
  expect(nlsB.status).toBe(202);
  // Endpoints are created in the origin environment and name the other team's service.
  expect((await call(TEAM_B, "POST", NLE, endpointBody(B, "n-bbbbb2", nlsA.body.id))).status).toBe(202);
  expect((await call(TEAM_A, "POST", NLE, endpointBody(A, "n-aaaaa2", nlsB.body.id))).status).toBe(202);
  // The service owner sees the association of the other team's endpoint with its own key.
  const assoc = await call(
    TEAM_A,
    "GET",
    `${NLSA}?environment=${A}&spec.network_link_service=${nlsA.body.id}`,
  );
  expect(assoc.status).toBe(200);
  expect(assoc.body.data).toHaveLength(1);
});

describe("outside its environments a key gets 403 user_unauthorized, before anything changes", () => {
  test.each([
    ["list", "GET", `${NLS}?environment=${B}`, undefined],
    ["create a service", "POST", NLS, serviceBody(B, "n-bbbbb3")],
    ["create an endpoint", "POST", NLE, endpointBody(B, "n-bbbbb4", "nls-zzzzzz")],
    ["get", "GET", `${NLS}/nls-zzzzzz?environment=${B}`, undefined],
    ["update", "PATCH", `${NLE}/nle-zzzzzz`, { spec: { environment: { id: B }, display_name: "x" } }],
    ["delete", "DELETE", `${NLE}/nle-zzzzzz?environment=${B}`, undefined],
    ["associations", "GET", `${NLSA}?environment=${B}&spec.network_link_service=nls-zzzzzz`, undefined],
  ])("%s", async (_name, method, path, body) => {
    const before = await new EmulatorAdmin(emulator.url).state();
    const r = await call(TEAM_A, method, path, body);
    expect(r.status).toBe(403);
    expect(r.body.errors[0]).toMatchObject({ status: "403", code: "user_unauthorized" });
    expect(r.body.errors[0].detail).toBe(
      `The API key TEAM_A_KEY is not authorized for environment ${B}; it is limited to ${A}.`,
    );
    expect(await new EmulatorAdmin(emulator.url).state()).toEqual(before);
  });

  test("an unscoped key reaches every environment", async () => {
    expect((await call(ORG, "GET", `${NLS}?environment=${A}`)).status).toBe(200);
    expect((await call(ORG, "GET", `${NLS}?environment=${B}`)).status).toBe(200);
  });
});

test("the admin API replaces the accepted keys and shows them without secrets", async () => {
  const admin = new EmulatorAdmin(emulator.url);
  const shown = await admin.setCredentials([
    { key: "NEW_KEY", secret: "new-secret", environments: [B] },
    { token: "a-bearer-token" },
  ]);
  try {
    expect(shown).toEqual({
      credentials: [
        { key: "NEW_KEY", environments: [B] },
        { token: true, environments: null },
      ],
    });
    expect(JSON.stringify(await admin.credentials())).not.toContain("secret");
    expect((await call(TEAM_A, "GET", `${NLS}?environment=${A}`)).status).toBe(401);
    expect((await call(basic("NEW_KEY", "new-secret"), "GET", `${NLS}?environment=${A}`)).status).toBe(403);
    expect((await call(basic("NEW_KEY", "new-secret"), "GET", `${NLS}?environment=${B}`)).status).toBe(200);
    expect((await call("Bearer a-bearer-token", "GET", `${NLS}?environment=${A}`)).status).toBe(200);
    await expect(admin.setCredentials([{ key: "K", secret: "s", environments: ["prod"] }])).rejects.toThrow(
      /400/,
    );
  } finally {
    await admin.setCredentials([
      { key: "TEAM_A_KEY", secret: "team-a-secret", environments: [A] },
      { key: "TEAM_B_KEY", secret: "team-b-secret", environments: [B] },
      { key: "ORG_KEY", secret: "org-secret" },
    ]);
  }
});
