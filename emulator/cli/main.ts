#!/usr/bin/env node
/** The `confluent-network-emulator` command: starts the emulator from flags and environment variables. */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { startEmulator } from "../server";
import { readSettings, USAGE, type CliSettings } from "./settings";

/**
 * The CLI: stdout carries only the machine-readable ready line; logs and warnings go to stderr.
 * It stops cleanly on SIGTERM/SIGINT/SIGHUP, and also when its parent goes away: `npx` (through
 * `npm exec` and a shell) may die on SIGTERM without passing it on, which would orphan us.
 */
function writePortFile(file: string, port: number): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${port}\n`);
  renameSync(temp, file);
}

/** Read first thing: a parent that dies right after our ready line must still count as a change. */
const PARENT = process.ppid;

function watchParent(stop: () => void): void {
  const parent = PARENT;
  if (parent <= 1) return;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
}

async function main(): Promise<void> {
  let settings: CliSettings | undefined;
  try {
    settings = readSettings(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`confluent-network-emulator: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (!settings) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator(settings.options);
  const { portFile } = settings;
  if (portFile) writePortFile(portFile, emulator.port);
  process.stdout.write(
    `${JSON.stringify({ event: "ready", url: emulator.url, port: emulator.port, pid: process.pid })}\n`,
  );
  process.stderr.write(`Confluent networking emulator listening on ${emulator.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (portFile) rmSync(portFile, { force: true });
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, stop);
  watchParent(stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`confluent-network-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
