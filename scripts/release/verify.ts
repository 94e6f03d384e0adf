import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { assetName, executableName, PLATFORMS } from "../build-plugin/platforms";
import { checksumProblems } from "./checksums";

// The checks of a release folder before anything is uploaded: every platform's plugin asset is there
// and holds its executable, every file of checksums.txt verifies, the npm packages are there.

export function releaseProblems(dir: string, version: string, npmPackages: readonly string[]): string[] {
  const problems: string[] = [];
  for (const platform of PLATFORMS) {
    const asset = assetName(platform, version);
    const file = path.join(dir, asset);
    if (!fs.existsSync(file)) {
      problems.push(`${asset} is missing`);
      continue;
    }
    const entries = execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).split("\n").filter(Boolean);
    const executable = executableName(platform);
    if (!entries.map((e) => e.replace(/^\.\//, "")).includes(executable)) {
      problems.push(`${asset} holds no ${executable} (it holds: ${entries.join(", ")})`);
    }
  }
  if (!fs.existsSync(path.join(dir, "checksums.txt"))) problems.push("checksums.txt is missing");
  else problems.push(...checksumProblems(dir));
  for (const pkg of npmPackages) if (!fs.existsSync(path.join(dir, pkg))) problems.push(`${pkg} is missing`);
  if (npmPackages.length < 2) problems.push("the npm packages (library and emulator) were not both packed");
  return problems;
}
