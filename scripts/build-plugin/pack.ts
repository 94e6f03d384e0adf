import type { BuiltAsset } from "../../harness/plugin-manifest";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { assetName, executableName, type Platform } from "./platforms";

// The release asset of one platform: a gzipped tarball with the plugin executable at its root, where
// `pulumi plugin install` and the CLI's automatic download look for pulumi-resource-<name>[.exe].

const exec = promisify(execFile);

export async function packPlugin(options: {
  platform: Platform;
  version: string;
  /** An empty folder to stage the executable in. */
  stage: string;
  out: string;
  /** Writes the executable at the path given. */
  inject: (executable: string) => Promise<{ signed: boolean }>;
}): Promise<BuiltAsset> {
  const { platform, version, stage, out } = options;
  const executable = executableName(platform);
  const { signed } = await options.inject(path.join(stage, executable));
  const asset = assetName(platform, version);
  const tarball = path.join(out, asset);
  await exec("tar", ["-czf", tarball, "-C", stage, executable]);
  return {
    platform: platform.id,
    asset,
    executable,
    packedBytes: fs.statSync(tarball).size,
    unpackedBytes: fs.statSync(path.join(stage, executable)).size,
    ...(platform.os === "darwin" ? { signed } : {}),
  };
}
