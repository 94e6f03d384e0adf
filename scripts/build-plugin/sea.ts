import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Platform } from "./platforms";

// A Node.js single executable application: the bundled provider, as a blob that Node makes, injected
// into a copy of the Node.js binary of the target platform (Node's SEA, with postject).

const exec = promisify(execFile);

// postject ships no typings: its one function.
const { inject } = require("postject") as {
  inject(
    file: string,
    resource: string,
    data: Buffer,
    options: { sentinelFuse: string; machoSegmentName?: string },
  ): Promise<void>;
};

/** The fuse Node 22 looks for to know it carries a blob (Node's SEA documentation). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/**
 * Makes the blob of `bundle` with `hostNode`, which must be the same Node.js version as the binaries
 * it goes into. No snapshot nor code cache: those are specific to the platform that makes them, and
 * one blob serves all five.
 */
export async function makeBlob(hostNode: string, bundle: string, blob: string): Promise<void> {
  const config = path.join(path.dirname(blob), "sea-config.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
    }),
  );
  await exec(hostNode, ["--experimental-sea-config", config]).catch((err: { stderr?: string }) => {
    throw new Error(`${hostNode} --experimental-sea-config failed:\n${err.stderr ?? err}`);
  });
}

/** How a darwin binary gets its signature back: macOS's codesign, or nothing on other machines. */
export type DarwinSigning = "codesign" | "none";

export function darwinSigning(): DarwinSigning {
  return process.platform === "darwin" ? "codesign" : "none";
}

/**
 * Writes to `out` the Node.js binary `nodeBinary` with `blob` injected. macOS refuses to run a binary
 * whose signature no longer matches, so a darwin binary loses Node's signature before the injection
 * and gets an ad-hoc one after, where codesign exists (macOS): returns whether it is signed.
 */
export async function injectBlob(
  nodeBinary: string,
  blob: string,
  platform: Platform,
  out: string,
): Promise<{ signed: boolean }> {
  fs.copyFileSync(nodeBinary, out);
  fs.chmodSync(out, 0o755);
  const sign = platform.os === "darwin" && darwinSigning() === "codesign";
  if (sign) await exec("codesign", ["--remove-signature", out]);
  await inject(out, "NODE_SEA_BLOB", fs.readFileSync(blob), {
    sentinelFuse: SEA_FUSE,
    ...(platform.os === "darwin" ? { machoSegmentName: "NODE_SEA" } : {}),
  });
  if (sign) await exec("codesign", ["--sign", "-", out]);
  return { signed: sign };
}
