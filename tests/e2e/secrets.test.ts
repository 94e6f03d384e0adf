/**
 * Credentials given as secret stack config never reach the state or the engine's output: not the
 * backend's files (state, backups, history), not `pulumi stack export`, not the serialized providers
 * stored with each resource, not the output of up, preview, refresh and destroy.
 */
import {
  DEFAULT_SEED,
  EmulatorAdmin,
  startEmulator,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { createTestStack, type TestStack } from "../../harness/stack";
import { FAST_DELAYS, FAST_POLL } from "../support/emulator-stacks";

// Distinctive values that appear nowhere else: any hit is a leak.
const KEY = "SENTINELKEY7Q4XZ";
const SECRET = "sentinel-secret-V9w2Lr8pK3mN";
const BASIC = Buffer.from(`${KEY}:${SECRET}`).toString("base64");
const NEEDLES = [KEY, SECRET, BASIC, Buffer.from(SECRET).toString("base64")];

const program = async () => {
  const svc = new NetworkLinkService("target", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    accept: { environments: ["env-bbbbb1"] },
  });
  const nle = new NetworkLinkEndpoint("origin", {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    networkLinkService: svc,
  });
  return { service: svc.id, endpoint: nle.id, phase: nle.phase };
};

function leaks(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

describe("credentials in secret stack config", () => {
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let stack: TestStack;
  const output: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: DEFAULT_SEED,
      delays: FAST_DELAYS,
      credentials: [{ key: KEY, secret: SECRET }],
    });
    admin = new EmulatorAdmin(emulator.url);
    stack = await createTestStack({
      program,
      config: { "confluentcloud:endpoint": emulator.url, ...FAST_POLL },
      secretConfig: { "confluentcloud:cloudApiKey": KEY, "confluentcloud:cloudApiSecret": SECRET },
      onOutput: (line) => output.push(line),
    });
  });

  afterAll(async () => {
    await stack?.destroy().catch(() => undefined);
    await stack?.dispose();
    await emulator?.close();
  });

  async function expectNoLeakInState(): Promise<void> {
    const files = await stack.stateFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => leaks(f.text).length > 0).map((f) => f.path)).toEqual([]);
    const exported = await stack.exportState();
    expect(leaks(JSON.stringify(exported))).toEqual([]);
  }

  it("the credentials reach the provider (the emulator accepts nothing else)", async () => {
    const up = await stack.up();

    expect(up.summary.result).toBe("succeeded");
    const state = await admin.state();
    expect(state.endpoints.map((e) => (e.status as { phase: string }).phase)).toEqual(["READY"]);
  });

  it("a search for them would find them: the --show-secrets export holds them in plain text", async () => {
    // The control: the Automation API's exportStack() runs `pulumi stack export --show-secrets`.
    const revealed = JSON.stringify(await stack.stack.exportStack());
    expect(leaks(revealed)).toEqual(expect.arrayContaining([KEY, SECRET]));
  });

  it("after up: not in the backend's files, not in `pulumi stack export`", async () => {
    await expectNoLeakInState();
    const exported = await stack.exportState();
    const text = JSON.stringify(exported);
    // The provider resource keeps the stack config as inputs: the secrets are there as ciphertext.
    expect(text).toContain("confluentcloud:cloudApiSecret");
    expect(text).toContain("4dabf18193072939515e22adb298388d"); // Pulumi's secret signature
  });

  it("not in the serialized providers stored with each resource", async () => {
    const { deployment } = await stack.exportState();
    const dynamic = (deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    expect(dynamic.map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkEndpoint",
      "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkService",
    ]);
    for (const resource of dynamic) {
      const code = resource.inputs?.__provider;
      expect(typeof code).toBe("string");
      expect(code).toContain("pulumi-confluent-network-link/runtime");
      expect(leaks(code as string)).toEqual([]);
      expect(leaks(JSON.stringify(resource.outputs ?? {}))).toEqual([]);
    }
  });

  it("not after preview, refresh and destroy either, nor in any engine output", async () => {
    await stack.preview({ expectNoChanges: true });
    await stack.refresh();
    await expectNoLeakInState();
    await stack.destroy();
    await expectNoLeakInState();

    const state = await admin.state();
    expect([state.services, state.endpoints]).toEqual([[], []]);
    // Output of all four operations (progress lines of the waits included).
    expect(output.some((line) => /to become READY|to be deleted/.test(line))).toBe(true);
    expect(output.filter((line) => leaks(line).length > 0)).toEqual([]);
  });
});
