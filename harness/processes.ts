/** Small process and output helpers of the harness: run a CLI, split its output, end leftover processes. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Ends processes whose working directory is inside `dir` (provider plugins and language hosts
 * orphaned by a killed CLI), optionally only those whose command line passes `match`.
 */
export function killProcessesIn(dir: string, match: (cmdline: string) => boolean = () => true): void {
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return; // not Linux
  }
  for (const pid of pids) {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (cwd !== dir && !cwd.startsWith(dir + path.sep)) continue;
      if (match(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "))) {
        process.kill(Number(pid), "SIGKILL");
      }
    } catch {
      // gone, or not ours to inspect
    }
  }
}

export function runCli(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { ...opts, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pulumi ${args.join(" ")} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Cuts a stream's chunks into whole lines for `emit`; `flush` hands over the unfinished last one. */
export function lineSplitter(emit: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let rest = "";
  return {
    push(chunk) {
      const parts = (rest + chunk).split(/\r?\n/);
      rest = parts.pop() ?? "";
      parts.forEach(emit);
    },
    flush() {
      if (rest) emit(rest);
      rest = "";
    },
  };
}

/** Where engine output goes by default: nowhere, or stdout when E2E_VERBOSE=1. */
export function verboseOutput(): (line: string) => void {
  return process.env.E2E_VERBOSE === "1" ? (line) => process.stdout.write(`${line}\n`) : () => {};
}
