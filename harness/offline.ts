/**
 * The settings that let the real Pulumi engine run on a machine with no internet, in one place:
 * a local file backend, a passphrase secrets provider, no update check, no plugin downloads, and
 * a PATH that finds the CLI, the dynamic-provider plugin and Node 22.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root: the dynamic-provider plugin resolves `@pulumi/pulumi` and this package from here. */
export const repoRoot = path.resolve(__dirname, "..");

/** Passphrase of every test stack's secrets provider. Not a secret: it only protects throwaway state. */
export const TEST_PASSPHRASE = "offline-test-passphrase";

export interface OfflineEnvOptions {
  /** Folder of the file backend; created if missing (the CLI requires it to exist). */
  backendDir: string;
  /** Folder that holds `pulumi` and `pulumi-resource-pulumi-nodejs`. */
  binDir: string;
  /** PULUMI_HOME (plugin cache, credentials). Default: `home` beside the backend folder. */
  homeDir?: string;
}

/** Environment variables for every Pulumi CLI call of a test stack. */
export function offlineEnv({ backendDir, binDir, homeDir }: OfflineEnvOptions): Record<string, string> {
  const home = homeDir ?? path.join(path.dirname(backendDir), "home");
  fs.mkdirSync(backendDir, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  return {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: home,
    // The plugin script runs `node`, which must be the Node 22 running this process, not the system one.
    PATH: [binDir, path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
  };
}

export interface PulumiCli {
  /** The folder that holds `bin/pulumi` (what `PulumiCommand.get({ root })` takes). */
  root: string;
  /** `<root>/bin`. */
  binDir: string;
}

let installing: Promise<PulumiCli> | undefined;

/**
 * Runs scripts/install-pulumi.sh once per process: it uses an installed CLI that is new enough, or
 * builds the pinned one from its Go module (minutes the first time on a machine, then instant).
 */
export function ensurePulumiCli(): Promise<PulumiCli> {
  installing ??= runInstallScript().catch((err: unknown) => {
    installing = undefined;
    throw err;
  });
  return installing;
}

function runInstallScript(): Promise<PulumiCli> {
  const script = path.join(repoRoot, "scripts", "install-pulumi.sh");
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PATH: [path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
      },
      // Progress (and a first build's Go output) goes to stderr so that a slow first run is visible.
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const root = stdout.trim().split("\n").pop()?.trim() ?? "";
      if (code !== 0 || !root) {
        reject(new Error(`${script} failed (exit code ${code}); run \`npm run pulumi:install\` to see why`));
        return;
      }
      resolve({ root, binDir: path.join(root, "bin") });
    });
  });
}
