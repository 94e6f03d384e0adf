import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
/** tsx as a loader inside the one node process (its CLI would put a second process in between). */
export const TSX_LOADER = ["--import", "tsx"];
export const CLI_SOURCE = "emulator/cli/main.ts";

export interface Ready {
  event: "ready";
  url: string;
  port: number;
  pid: number;
}

export interface CliRun {
  child: ChildProcess;
  ready: Promise<Ready>;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Runs a command that starts the CLI; `ready` resolves with the parsed ready line from stdout. */
export function runCli(command: string, args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let out = "";
  let err = "";
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<Ready>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve(JSON.parse(line) as Ready);
    });
    void exit.then((code) => reject(new Error(`cli exited with ${code} before its ready line: ${err}`)));
  });
  return { child, ready, stdout: () => out, stderr: () => err, exit };
}

/** The CLI from source, through tsx. */
export const runSource = (args: string[], env: Record<string, string> = {}) =>
  runCli(process.execPath, [...TSX_LOADER, CLI_SOURCE, ...args], env);

/** True while the process runs; an exited one that nobody has reaped yet (a zombie) counts as gone. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true;
  }
}

export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
