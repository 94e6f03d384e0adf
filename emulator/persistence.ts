import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { StoreState } from "./store/types";

/** Optional JSON persistence: the whole state, rewritten atomically (temp file + rename) on each change. */

const VERSION = 1;

export function loadState(file: string): StoreState | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { version?: number; state?: StoreState };
  if (parsed.version !== VERSION || !parsed.state) {
    throw new Error(`${file} is not an emulator state file (version ${VERSION})`);
  }
  return parsed.state;
}

export function saveState(file: string, state: StoreState): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ version: VERSION, state }));
  // rename is atomic on one filesystem: a crash leaves the old file or the new one, never half of one.
  renameSync(temp, file);
}
