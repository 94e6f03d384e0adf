/**
 * Credentials given as secret stack config never reach the state or the engine's output: not the
 * backend's files (state, backups, history), not `pulumi stack export`, not the serialized providers
 * stored with each resource, not the output of up, preview, refresh and destroy; nor when a server
 * echoes the request's headers into its errors.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import {
  DEFAULT_SEED,
  EmulatorAdmin,
  startEmulator,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { createTestStack, type TestStack } from "../../harness/stack";
import { FAST_DELAYS, FAST_POLL, oneServiceProgram } from "../support/emulator-stacks";

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

describe("a server that echoes the request's headers into its errors", () => {
  const KEY = "ECHOKEYE2E0000001";
  const SECRET = "echo-e2e-Secret+/9w2Lr8pK3mNqZ";
  const NEEDLES = [
    SECRET,
    Buffer.from(`${KEY}:${SECRET}`).toString("base64"),
    Buffer.from(SECRET).toString("base64"),
  ];
  let server: http.Server;
  let plainText = false;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const echo = `you sent authorization=${req.headers.authorization} ${SECRET}`;
      if (plainText) {
        res.writeHead(401, { "content-type": "text/plain" });
        res.end(echo);
      } else {
        res.writeHead(403, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ status: "403", code: "echo", detail: echo }] }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("up fails naming the call, and neither the output, the error nor the state holds the secret", async () => {
    const output: string[] = [];
    const stack = await createTestStack({
      program: oneServiceProgram(),
      config: {
        "confluentcloud:endpoint": `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        ...FAST_POLL,
      },
      secretConfig: { "confluentcloud:cloudApiKey": KEY, "confluentcloud:cloudApiSecret": SECRET },
      onOutput: (line) => output.push(line),
    });
    try {
      const texts: string[] = [];
      for (const mode of [false, true]) {
        plainText = mode;
        const failed = await stack.up().catch((err: Error) => err);
        expect(failed).toBeInstanceOf(Error);
        expect(String(failed)).toMatch(/(listing|creating) network link service/);
        texts.push(String(failed), JSON.stringify(failed));
      }
      texts.push(
        ...output,
        ...(await stack.stateFiles()).map((f) => f.text),
        JSON.stringify(await stack.exportState()),
      );
      expect(texts.join("\n")).toContain("[redacted]");
      expect(NEEDLES.filter((needle) => texts.some((text) => text.includes(needle)))).toEqual([]);
      expect(texts.filter((text) => /\bBasic (?!\[redacted\])/.test(text))).toEqual([]);
    } finally {
      await stack.dispose();
    }
  });
});
