import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DEFAULT_CREDENTIALS,
  EmulatorAdmin,
  startEmulator,
  type Delays,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { GO_MODULE } from "../provider/package-identity";
import { pluginTarball, type PluginKind } from "./native-plugin";
import { ensurePulumiCli, offlineEnv, repoRoot } from "./offline";

// Projects for the native provider (end-to-end tests and the benchmarks): the plugin packed and
// installed the way users install it (`pulumi plugin install resource … --file`), projects in any
// language run by the real CLI and its language hosts, against the emulator. Credentials are secret
// stack config of the package.

/** Sub-second provisioning, as the end-to-end tests of the dynamic resources use. */
export const NATIVE_TEST_DELAYS: Partial<Delays> = {
  serviceProvisioningMs: 300,
  endpointProvisioningMs: 300,
  deprovisioningMs: 200,
};

export const PLUGIN_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"),
).version;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const GO_SDK = path.join(repoRoot, "sdk/go/confluentnetworklink");
export const GO_SDK_MODULE = GO_MODULE;

/**
 * The files of a Go project using the generated Go SDK (sdk/go, scripts/generate-sdks.sh) in place:
 * Pulumi.yaml, go.mod (the SDK replaced by its folder, at the Pulumi SDK version it pins), go.sum,
 * main.go. Run `go mod tidy` in the project before `up`.
 */
export function goProjectFiles(name: string, mainGo: string): Record<string, string> {
  const sdkGoSum = fs.readFileSync(path.join(GO_SDK, "go.sum"), "utf8");
  const sdkVersion = /github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)/.exec(
    fs.readFileSync(path.join(GO_SDK, "go.mod"), "utf8"),
  )?.[1];
  if (!sdkVersion) throw new Error(`${GO_SDK}/go.mod names no github.com/pulumi/pulumi/sdk/v3 version`);
  const goMod = [
    `module ${name}`,
    "",
    "go 1.26.8",
    "",
    "require (",
    `\t${GO_SDK_MODULE} v0.0.0`,
    `\tgithub.com/pulumi/pulumi/sdk/v3 ${sdkVersion}`,
    ")",
    "",
    `replace ${GO_SDK_MODULE} => ${GO_SDK}`,
    "",
  ].join("\n");
  return {
    "Pulumi.yaml": `name: ${name}\nruntime: go\n`,
    "go.mod": goMod,
    "go.sum": sdkGoSum,
    "main.go": mainGo,
  };
}

/** A project folder, its own backend and PULUMI_HOME, with the plugin installed; one stack `dev`. */
export interface NativeProject {
  dir: string;
  backendDir: string;
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  /** Every line the CLI printed, for the no-credential checks. */
  transcript: string[];
  pulumi(...args: string[]): Promise<CliResult>;
  /** Replaces a file of the project (e.g. the program). */
  write(name: string, text: string): void;
  /** Like pulumi(), but throws with the output when the command fails. */
  ok(...args: string[]): Promise<string>;
  /** The text of every file of the backend. */
  stateFiles(): { path: string; text: string }[];
  close(): Promise<void>;
}

export interface NativeProjectOptions {
  delays?: Partial<Delays>;
  /** The plugin installed from its tarball (default "script"), or none: the CLI downloads it. */
  plugin?: PluginKind | "none";
  /**
   * Set (or, with undefined, remove) variables of every CLI call's environment; a PATH goes before the
   * CLI's own.
   */
  env?: Record<string, string | undefined>;
}

/** Writes `files` into a fresh project folder and creates the stack, configured for the emulator. */
export async function nativeProject(
  files: Record<string, string>,
  options: NativeProjectOptions = {},
): Promise<NativeProject> {
  const plugin = options.plugin ?? "script";
  const [cli, tarball, emulator] = await Promise.all([
    ensurePulumiCli(),
    plugin === "none" ? undefined : pluginTarball(plugin),
    startEmulator({ delays: options.delays ?? NATIVE_TEST_DELAYS }),
  ]);
  const base = path.join(repoRoot, ".pulumi-state", `native-${randomBytes(4).toString("hex")}`);
  const dir = path.join(base, "project");
  const backendDir = path.join(base, "backend");
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const offline = offlineEnv({ backendDir, binDir: cli.binDir });
  const env: NodeJS.ProcessEnv = { ...process.env, ...offline };
  // The engine hands the plugin its config in PULUMI_CONFIG: none may leak in from this process.
  delete env.PULUMI_CONFIG;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    // A PATH goes before the CLI's own, as activating a Python virtual environment does.
    else env[name] = name === "PATH" ? [value, offline.PATH].join(path.delimiter) : value;
  }
  const transcript: string[] = [];
  const pulumi = async (...args: string[]) => {
    const result = await run(
      path.join(cli.binDir, "pulumi"),
      [...args, "--non-interactive", "--color", "never"],
      dir,
      env,
    );
    transcript.push(result.stdout, result.stderr);
    return result;
  };
  const ok = async (...args: string[]) => {
    const result = await pulumi(...args);
    if (result.code !== 0)
      throw new Error(`pulumi ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  if (tarball) {
    await ok("plugin", "install", "resource", "confluentnetworklink", PLUGIN_VERSION, "--file", tarball);
  }
  await ok("stack", "init", "dev");
  await ok("config", "set", "confluentnetworklink:endpoint", emulator.url);
  await ok("config", "set", "--secret", "confluentnetworklink:apiKey", DEFAULT_CREDENTIALS.key);
  await ok("config", "set", "--secret", "confluentnetworklink:apiSecret", DEFAULT_CREDENTIALS.secret);
  const stateFiles = () =>
    walk(backendDir).map((file) => ({ path: file, text: fs.readFileSync(file, "utf8") }));
  return {
    dir,
    backendDir,
    emulator,
    admin: new EmulatorAdmin(emulator.url),
    transcript,
    pulumi,
    ok,
    write: (name, text) => fs.writeFileSync(path.join(dir, name), text),
    stateFiles,
    async close() {
      await pulumi("destroy", "--yes");
      await emulator.close();
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** The stack's resources of a type, from `pulumi stack export` (secrets stay ciphertext). */
export async function exported(
  project: NativeProject,
): Promise<{ text: string; resources: ExportedResource[] }> {
  const text = await project.ok("stack", "export");
  const resources = (JSON.parse(text).deployment.resources ?? []) as ExportedResource[];
  return { text, resources };
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  /** The engine's record of the call stack that registered the resource. */
  sourcePosition?: string;
  stackTrace?: { sourcePosition?: string }[];
}

/**
 * Fails naming where a credential appeared: the state files, the export, or the CLI's output.
 * `secrets`: the keys and secrets to look for (default: the stack's, the emulator's default key).
 */
export async function expectNoCredentials(
  project: NativeProject,
  secrets: string[] = [DEFAULT_CREDENTIALS.secret, DEFAULT_CREDENTIALS.key],
): Promise<void> {
  const { text } = await exported(project);
  const places = [
    ...project.stateFiles().map((f) => ({ where: f.path, text: f.text })),
    { where: "pulumi stack export", text },
    { where: "CLI output", text: project.transcript.join("\n") },
  ];
  const leaks = places.flatMap((p) => secrets.filter((s) => p.text.includes(s)).map(() => p.where));
  if (leaks.length > 0) throw new Error(`a credential appears in: ${[...new Set(leaks)].join(", ")}`);
}
