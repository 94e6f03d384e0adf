/**
 * A Pulumi stack driven by the real CLI and engine through the Automation API, with its program
 * inline (this process runs it, so no Node.js language host is needed), its state in a file backend
 * inside the repository, and the offline settings of offline.ts. Users run the CLI (cli-project.ts);
 * this helper is for what the CLI cannot script: a kill at a chosen moment inside a provider call,
 * faults mid-operation, and the benchmarks.
 *
 * One operation at a time per process: Pulumi's Node.js runtime keeps the running program's settings
 * in module state, so two inline programs must not run concurrently in one process (jest runs the
 * tests of a file one after the other; separate files run in separate workers).
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  LocalWorkspace,
  PulumiCommand,
  type DestroyOptions,
  type DestroyResult,
  type PreviewOptions,
  type PreviewResult,
  type PulumiFn,
  type RefreshOptions,
  type RefreshResult,
  type Stack,
  type UpOptions,
  type UpResult,
} from "@pulumi/pulumi/automation";
import { ignoreEngineShutdownRejections } from "./engine-shutdown";
import { ensurePulumiCli, offlineEnv, repoRoot } from "./offline";
import {
  isAlive,
  killProcessesIn,
  lineSplitter,
  listFiles,
  runCli,
  shellQuote,
  verboseOutput,
} from "./processes";

export interface TestStackOptions {
  /** The inline program, e.g. an example's default export (`export = async () => { ...; return outputs; }`). */
  program: PulumiFn;
  /** Default: `test-<random>`, unique per stack. */
  projectName?: string;
  /** Default: `dev`. */
  stackName?: string;
  /** Stack config in plain text. Keys without a namespace get the project's. */
  config?: Record<string, string>;
  /** Stack config stored encrypted (`pulumi config set --secret`). */
  secretConfig?: Record<string, string>;
  /** Extra environment for every CLI call (the engine, and the provider processes it starts). */
  envVars?: Record<string, string>;
  /** Receives the engine's output line by line. Default: nothing, or stdout when E2E_VERBOSE=1. */
  onOutput?: (line: string) => void;
}

/** A resource as `pulumi stack export` prints it (secrets stay ciphertext). */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  parent?: string;
  provider?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface PendingOperation {
  resource: StateResource;
  type: string;
  [key: string]: unknown;
}

/** The untyped deployment as the CLI stores it. */
export interface ExportedState {
  version: number;
  deployment: {
    resources?: StateResource[];
    pending_operations?: PendingOperation[];
    [key: string]: unknown;
  };
}

export interface StateFile {
  path: string;
  text: string;
}

export interface TestStack {
  readonly stack: Stack;
  readonly projectName: string;
  readonly stackName: string;
  /** The project folder (Pulumi.yaml, and the working directory of the provider processes). */
  readonly workDir: string;
  readonly backendDir: string;
  up(opts?: UpOptions): Promise<UpResult>;
  preview(opts?: PreviewOptions): Promise<PreviewResult>;
  refresh(opts?: RefreshOptions): Promise<RefreshResult>;
  destroy(opts?: DestroyOptions): Promise<DestroyResult>;
  /** Replaces the inline program for the next operations (e.g. to change an input). */
  setProgram(program: PulumiFn): void;
  setConfig(values: Record<string, string>, opts?: { secret?: boolean }): Promise<void>;
  /** Stack outputs as plain values (secrets revealed). */
  outputs(): Promise<Record<string, unknown>>;
  /** `pulumi stack export` WITHOUT --show-secrets, parsed. */
  exportState(): Promise<ExportedState>;
  /** Every file under the backend folder: state, backups, history. */
  stateFiles(): Promise<StateFile[]>;
  /** PID of the `pulumi` process of the operation in progress, if any. */
  currentPid(): number | undefined;
  /**
   * Recovers the stack after its CLI was killed: `pulumi cancel` releases the lock the dead process
   * left in the file backend, then the pending operations it left in the state are dropped (stack
   * export, edit, import) and returned. (The v3.274.1 CLI also has `refresh --clear-pending-creates`,
   * `refresh({ clearPendingCreates: true })` here, which clears pending creates only.)
   */
  cancelPending(): Promise<PendingOperation[]>;
  /**
   * Removes the stack and its folders (resources are left alone: destroy them first), and ends
   * provider processes a killed CLI left running.
   */
  dispose(): Promise<void>;
}

const stateRoot = path.join(repoRoot, ".pulumi-state");
const OPERATIONS = ["up", "preview", "refresh", "destroy"];

export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const cli = await ensurePulumiCli();
  ignoreEngineShutdownRejections();
  const id = `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const projectName = options.projectName ?? `test-${id}`;
  const stackName = options.stackName ?? "dev";
  const root = path.join(stateRoot, id);
  const workDir = path.join(root, "project");
  const backendDir = path.join(root, "backend");
  const pidFile = path.join(root, "pulumi.pid");
  fs.mkdirSync(workDir, { recursive: true });

  const wrapperRoot = writePidWrapper(root, path.join(cli.binDir, "pulumi"));
  const env: Record<string, string> = {
    ...offlineEnv({ backendDir, binDir: cli.binDir, homeDir: path.join(root, "home") }),
    ...options.envVars,
    PULUMI_TEST_PID_FILE: pidFile,
  };
  const emit = options.onOutput ?? verboseOutput();

  let stack: Stack;
  try {
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName, projectName, program: options.program },
      {
        workDir,
        pulumiCommand: await PulumiCommand.get({ root: wrapperRoot }),
        projectSettings: { name: projectName, runtime: "nodejs", backend: { url: env.PULUMI_BACKEND_URL } },
        envVars: env,
      },
    );
    const config = {
      ...mapValues(options.config ?? {}, (value) => ({ value, secret: false })),
      ...mapValues(options.secretConfig ?? {}, (value) => ({ value, secret: true })),
    };
    if (Object.keys(config).length > 0) await stack.setAllConfig(config);
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }

  let running = false;
  async function operation<O extends { onOutput?: (out: string) => void }, R>(
    opts: O | undefined,
    run: (opts: O) => Promise<R>,
  ): Promise<R> {
    if (running) throw new Error(`stack ${projectName}/${stackName} is already running an operation`);
    running = true;
    fs.rmSync(pidFile, { force: true });
    const lines = lineSplitter(emit);
    try {
      const onOutput = (out: string) => {
        lines.push(out);
        opts?.onOutput?.(out);
      };
      return await run(Object.assign({ color: "never" as const }, opts ?? ({} as O), { onOutput }));
    } finally {
      lines.flush();
      running = false;
      fs.rmSync(pidFile, { force: true });
    }
  }

  async function runStackCli(args: string[]): Promise<string> {
    return runCli(path.join(cli.binDir, "pulumi"), [...args, "--stack", stackName, "--non-interactive"], {
      cwd: workDir,
      env: { ...process.env, ...env },
    });
  }

  async function exportState(): Promise<ExportedState> {
    return JSON.parse(await runStackCli(["stack", "export"])) as ExportedState;
  }

  return {
    stack,
    projectName,
    stackName,
    workDir,
    backendDir,
    up: (opts) => operation(opts, (o) => stack.up(o)),
    preview: (opts) => operation(opts, (o) => stack.preview(o)),
    refresh: (opts) => operation(opts, (o) => stack.refresh(o)),
    destroy: (opts) => operation(opts, (o) => stack.destroy(o)),
    setProgram(program) {
      stack.workspace.program = program;
    },
    async setConfig(values, opts) {
      await stack.setAllConfig(mapValues(values, (value) => ({ value, secret: !!opts?.secret })));
    },
    async outputs() {
      return mapValues(await stack.outputs(), (o) => o.value as unknown);
    },
    exportState,
    async stateFiles() {
      return listFiles(backendDir).map((file) => ({ path: file, text: fs.readFileSync(file, "utf8") }));
    },
    currentPid() {
      if (!running) return undefined;
      let pid: number;
      try {
        pid = Number(fs.readFileSync(pidFile, "utf8").trim());
      } catch {
        return undefined;
      }
      return pid > 0 && isAlive(pid) ? pid : undefined;
    },
    async cancelPending() {
      await runStackCli(["cancel", "--yes"]);
      const state = await exportState();
      const pending = state.deployment.pending_operations ?? [];
      if (pending.length === 0) return [];
      const file = path.join(root, `state-${Date.now()}.json`);
      fs.writeFileSync(
        file,
        JSON.stringify({ ...state, deployment: { ...state.deployment, pending_operations: [] } }),
      );
      try {
        await runStackCli(["stack", "import", "--file", file]);
      } finally {
        fs.rmSync(file, { force: true });
      }
      return pending;
    },
    async dispose() {
      try {
        await stack.workspace.removeStack(stackName, { force: true });
      } catch {
        // the folder goes anyway
      }
      killProcessesIn(root);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * PulumiCommand runs `<root>/bin/pulumi`; this one records its PID for operations (so a test can
 * kill the engine mid-update) and `exec`s the real binary, which keeps that PID.
 */
function writePidWrapper(root: string, realPulumi: string): string {
  const wrapperRoot = path.join(root, "cli");
  fs.mkdirSync(path.join(wrapperRoot, "bin"), { recursive: true });
  const script = [
    "#!/bin/sh",
    `case "$1" in ${OPERATIONS.join("|")})`,
    '  [ -n "$PULUMI_TEST_PID_FILE" ] && echo $$ > "$PULUMI_TEST_PID_FILE" ;;',
    "esac",
    `exec ${shellQuote(realPulumi)} "$@"`,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(wrapperRoot, "bin", "pulumi"), script, { mode: 0o755 });
  return wrapperRoot;
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
