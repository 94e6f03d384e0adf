/**
 * The emulator CLI in a child process with its request log on (`--log`: one JSON line per request
 * received and per answer), read back as one record per networking-API request: method, URL, status
 * and when it was answered. What the counters cannot tell: which requests were answered 429.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { EmulatorAdmin } from "confluent-network-link-emulator";
import { lineSplitter } from "../harness/processes";

export interface RequestRecord {
  method: string;
  url: string;
  status: number;
  /** When the answer left (epoch ms). */
  at: number;
}

export interface LoggedEmulator {
  url: string;
  admin: EmulatorAdmin;
  /** Records networking-API requests from now on (the ones before are forgotten). */
  startRecording(): void;
  stopRecording(): Promise<RequestRecord[]>;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "..");

interface LogLine {
  reqId?: string;
  time?: number;
  req?: { method: string; url: string };
  res?: { statusCode: number };
}

/** Pairs each "incoming request" line with its "request completed" line. */
function recorder() {
  const pending = new Map<string, { method: string; url: string }>();
  let records: RequestRecord[] | undefined;
  const onLine = (line: string) => {
    if (!line.startsWith("{")) return;
    const entry = JSON.parse(line) as LogLine;
    if (!entry.reqId) return;
    if (entry.req) pending.set(entry.reqId, entry.req);
    const req = pending.get(entry.reqId);
    if (!entry.res || !req) return;
    pending.delete(entry.reqId);
    if (records && req.url.startsWith("/networking/"))
      records.push({
        method: req.method,
        url: req.url,
        status: entry.res.statusCode,
        at: entry.time ?? Date.now(),
      });
  };
  return {
    onLine,
    start: () => void (records = []),
    stop: () => {
      const out = records ?? [];
      records = undefined;
      return out;
    },
  };
}

function ready(child: ChildProcess, said: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = lineSplitter((line) => {
      if (line.includes('"event":"ready"')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stdout!.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${said().slice(0, 600)}`)));
  });
}

/** Starts the emulator CLI (`args` added to a free port and the log) and waits for its ready line. */
export async function startLoggedEmulator(args: string[]): Promise<LoggedEmulator> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "emulator/cli/main.ts",
      "--port",
      "0",
      "--log",
      ...args,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const log = recorder();
  let said = "";
  const lines = lineSplitter((line) => {
    if (line.startsWith("{")) log.onLine(line);
    else said += `${line}\n`;
  });
  child.stderr!.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
  const url = await ready(child, () => said);
  return {
    url,
    admin: new EmulatorAdmin(url),
    startRecording: log.start,
    // The last answers' log lines may still be on their way through the pipe.
    stopRecording: () => new Promise((resolve) => setTimeout(() => resolve(log.stop()), 250)),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
