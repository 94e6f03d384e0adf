/**
 * The `pulumi` CLI run the way a user runs it: subcommands in a project folder (Pulumi.yaml and
 * index.ts, run by the Node.js language host), with the offline settings of offline.ts, a file
 * backend and PULUMI_HOME of its own, output captured. Used by the e2e tests, the demo and bench.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensurePulumiCli, offlineEnv, repoRoot } from "./offline";
import { killProcessesIn, lineSplitter, verboseOutput } from "./processes";

export interface CliProjectOptions {
  /** The folder that holds Pulumi.yaml: where every command runs. */
  projectDir?: string;
  /**
   * Instead of `projectDir`: the files of a new project folder (name → text), written under
   * `.pulumi-state/` inside the repository (so `@pulumi/pulumi` and this package resolve from its
   * node_modules, as from a user's) and removed by `dispose()`.
   */
  files?: Record<string, string>;
  /** Extra environment for every command (e.g. CONFLUENT_CLOUD_API_KEY). */
  envVars?: Record<string, string>;
  /** Receives each output line as it comes. Default: nothing, or stdout when E2E_VERBOSE=1. */
  onOutput?: (line: string) => void;
}

export interface CliResult {
  /** The command line as run, for messages. */
  command: string;
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Resolve with the result on a non-zero exit instead of rejecting. */
  allowFailure?: boolean;
  /** Called once the process exists, e.g. to kill it at a chosen moment. */
  onSpawn?: (child: ChildProcess) => void;
}

export interface CliProject {
  readonly projectDir: string;
  /** The file backend's folder (state, backups, history). */
  readonly backendDir: string;
  /** Every variable the commands get on top of this process's environment. */
  readonly env: Record<string, string>;
  /** `pulumi <args> --non-interactive --color never`; rejects on a non-zero exit unless allowed. */
  run(args: string[], options?: RunOptions): Promise<CliResult>;
  /** Runs a command that prints JSON (`--json` is added) and parses its stdout. */
  json<T>(args: string[], options?: RunOptions): Promise<T>;
  /** Removes the backend and home folders and ends provider processes a killed CLI left behind. */
  dispose(): Promise<void>;
}

const stateRoot = path.join(repoRoot, ".pulumi-state");

export async function openCliProject(options: CliProjectOptions): Promise<CliProject> {
  const cli = await ensurePulumiCli();
  const root = path.join(stateRoot, `cli-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`);
  const backendDir = path.join(root, "backend");
  const projectDir = options.projectDir ?? path.join(root, "project");
  if (options.files) {
    fs.mkdirSync(projectDir, { recursive: true });
    for (const [name, text] of Object.entries(options.files))
      fs.writeFileSync(path.join(projectDir, name), text);
  } else if (!options.projectDir) {
    throw new Error("openCliProject needs a projectDir or the files of a new project");
  }
  const env = {
    ...offlineEnv({ backendDir, binDir: cli.binDir, homeDir: path.join(root, "home") }),
    ...options.envVars,
  };
  const emit = options.onOutput ?? verboseOutput();
  const pulumi = path.join(cli.binDir, "pulumi");

  function run(args: string[], runOptions: RunOptions = {}): Promise<CliResult> {
    const fullArgs = [...args, "--non-interactive", "--color", "never"];
    const command = `pulumi ${args.join(" ")}`;
    return new Promise((resolve, reject) => {
      const child = spawn(pulumi, fullArgs, {
        cwd: projectDir,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      runOptions.onSpawn?.(child);
      let stdout = "";
      let stderr = "";
      const outLines = lineSplitter(emit);
      const errLines = lineSplitter(emit);
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        outLines.push(chunk.toString());
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        errLines.push(chunk.toString());
      });
      child.on("error", reject);
      child.on("close", (code, signal) => {
        outLines.flush();
        errLines.flush();
        const result = { command, code, signal, stdout, stderr };
        if (code === 0 || runOptions.allowFailure) resolve(result);
        else reject(new CliError(result));
      });
    });
  }

  return {
    projectDir,
    backendDir,
    env,
    run,
    async json<T>(args: string[], runOptions?: RunOptions): Promise<T> {
      const result = await run([...args, "--json"], runOptions);
      try {
        return JSON.parse(result.stdout) as T;
      } catch {
        throw new Error(`${result.command} --json printed no JSON:\n${result.stdout}\n${result.stderr}`);
      }
    },
    async dispose() {
      // Only Pulumi's processes: the project folder may be one a person works in.
      killProcessesIn(projectDir, (cmdline) => /pulumi/.test(cmdline));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A command that exited non-zero; the message holds its output so a failing test shows why. */
export class CliError extends Error {
  constructor(readonly result: CliResult) {
    super(
      `${result.command} exited ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
    this.name = "CliError";
  }
}

/** The project files of `examples/<name>` (Pulumi.yaml, index.ts, tsconfig.json), to run a copy. */
export function exampleFiles(name: string): Record<string, string> {
  const dir = path.join(repoRoot, "examples", name);
  return Object.fromEntries(
    ["Pulumi.yaml", "index.ts", "tsconfig.json"].map((file) => [
      file,
      fs.readFileSync(path.join(dir, file), "utf8"),
    ]),
  );
}
