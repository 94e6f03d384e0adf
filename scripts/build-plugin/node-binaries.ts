import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { PLUGIN_NODE_VERSION, type Platform } from "./platforms";

// The Node.js binary of each platform, from its npm package (npm checks the package's integrity),
// kept in a cache folder so that later builds reuse it: never committed, fetched at build time.

const exec = promisify(execFile);

/** The binary of `platform` in `cacheDir`, fetched with `npm pack` the first time. */
export async function nodeBinary(platform: Platform, cacheDir: string): Promise<string> {
  const dir = path.join(cacheDir, `${platform.nodePackage}@${PLUGIN_NODE_VERSION}`);
  const binary = path.join(dir, path.basename(platform.nodeBin));
  if (fs.existsSync(binary)) return binary;
  // Fetched beside the cache and renamed in: a concurrent build never sees half a binary.
  const scratch = path.join(cacheDir, `fetching-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(scratch, { recursive: true });
  try {
    const spec = `${platform.nodePackage}@${PLUGIN_NODE_VERSION}`;
    const { stdout } = await exec(
      "npm",
      ["pack", spec, "--json", "--prefer-offline", "--pack-destination", scratch],
      { cwd: scratch, maxBuffer: 16 * 1024 * 1024 },
    ).catch((err: { stderr?: string }) => {
      throw new Error(
        `npm pack ${spec} failed (the Node.js binary for ${platform.id}):\n${err.stderr ?? err}`,
      );
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    await exec("tar", [
      "-xzf",
      path.join(scratch, packed.filename),
      "-C",
      scratch,
      `package/${platform.nodeBin}`,
    ]);
    const extracted = path.join(scratch, "package", platform.nodeBin);
    fs.chmodSync(extracted, 0o755);
    fs.mkdirSync(dir, { recursive: true });
    fs.renameSync(extracted, binary);
    return binary;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
