import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { EmulatorAdmin, RunningEmulator, startEmulator } from "confluent-network-link-emulator";
import { endpointForwarder, serviceForwarder } from "../../provider/resources/forwarder";

// Credentials that must never show up anywhere outside the config handed to `configure`.
const KEY = "KEYSENTINEL4242";
const SECRET = "secret-sentinel-9f8e7d";
const root = path.resolve(__dirname, "../..");

let emulator: RunningEmulator;
let workDir: string;
beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [{ key: KEY, secret: SECRET }],
    delays: { serviceProvisioningMs: 20 },
  });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "serialized-provider-"));
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function serialize(kind: "service" | "endpoint"): Promise<string> {
  const provider = kind === "service" ? serviceForwarder : endpointForwarder;
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

describe("the serialized provider", () => {
  it("is small and captures no credential, client or module of ours", async () => {
    for (const kind of ["service", "endpoint"] as const) {
      const text = await serialize(kind);
      expect(text.length).toBeLessThan(2400);
      expect(text).toContain('require("pulumi-confluent-network-link/runtime")');
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/got|password|apiSecret/);
    }
  });

  it("runs a create in a fresh process with credentials from the stack config only, and leaks them nowhere", async () => {
    const providerFile = path.join(workDir, "service-provider.js");
    fs.writeFileSync(providerFile, await serialize("service"));
    const inputs = {
      environment: { id: "env-aaaaa1" },
      network: { id: "n-aaaaa1" },
      displayName: "serialized",
      accept: { networks: ["n-bbbbb1"] },
    };
    const config = {
      "confluentcloud:cloudApiKey": KEY,
      "confluentcloud:cloudApiSecret": SECRET,
      "confluentcloud:endpoint": emulator.url,
    };
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        path.join(__dirname, "..", "support", "run-serialized-provider.js"),
        providerFile,
        JSON.stringify(inputs),
      ],
      { cwd: root, env: { ...process.env, TEST_STACK_CONFIG: JSON.stringify(config) } },
    );
    const created = JSON.parse(stdout.trim().split("\n").pop() as string);
    expect(created.id).toMatch(/^nls-/);
    expect(created.outs).toMatchObject({ phase: "READY", displayName: "serialized" });
    for (const text of [stdout, stderr, JSON.stringify(created)]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(SECRET);
    }
    expect((await new EmulatorAdmin(emulator.url).state()).services).toHaveLength(1);
  });

  it("fails in check, before any API call, when no credentials are configured", async () => {
    const providerFile = path.join(workDir, "endpoint-provider.js");
    fs.writeFileSync(providerFile, await serialize("endpoint"));
    const env: NodeJS.ProcessEnv = { ...process.env, TEST_STACK_CONFIG: "{}" };
    delete env.CONFLUENT_CLOUD_API_KEY;
    delete env.CONFLUENT_CLOUD_API_SECRET;
    const run = promisify(execFile)(
      process.execPath,
      [path.join(__dirname, "..", "support", "run-serialized-provider.js"), providerFile, "{}"],
      { cwd: root, env },
    );
    await expect(run).rejects.toMatchObject({
      stderr: expect.stringContaining(
        "Confluent Cloud credentials are missing: the Cloud API key is not set",
      ),
    });
  });
});
