import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

// The SDK packages of a release, built into the release folder: the npm packages (the library and
// the emulator), the Python SDK where its build tool is installed, the .NET SDK where `dotnet` is.
// A missing tool skips its package with a message saying what to install.

const exec = promisify(execFile);

export interface BuiltPackages {
  /** npm tarballs, file names in the release folder. */
  npm: string[];
  /** Python sdist and wheel, paths under <out>/python. */
  python: string[];
  /** NuGet packages, paths under <out>/dotnet. */
  dotnet: string[];
  skipped: string[];
}

async function has(command: string, args: string[]): Promise<boolean> {
  return exec(command, args).then(
    () => true,
    () => false,
  );
}

async function npmPack(repo: string, out: string, workspace?: string): Promise<string> {
  const args = [
    "pack",
    "--json",
    "--pack-destination",
    out,
    ...(workspace ? ["--workspace", workspace] : []),
  ];
  const { stdout } = await exec("npm", args, { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(stdout) as { filename: string }[])[0].filename;
}

export async function buildPackages(
  repo: string,
  out: string,
  log: (line: string) => void,
): Promise<BuiltPackages> {
  const built: BuiltPackages = { npm: [], python: [], dotnet: [], skipped: [] };
  built.npm.push(await npmPack(repo, out));
  built.npm.push(await npmPack(repo, out, "confluent-network-link-emulator"));

  const python = path.join(repo, "sdk/python");
  if (!(await has("python3", ["-m", "build", "--version"]))) {
    built.skipped.push("Python SDK: no `python3 -m build` (pip install build)");
  } else {
    const dir = path.join(out, "python");
    await exec("python3", ["-m", "build", "--sdist", "--wheel", "--outdir", dir, python], {
      maxBuffer: 64 * 1024 * 1024,
    });
    built.python = fs.readdirSync(dir).map((f) => path.join("python", f));
  }

  const dotnet = path.join(repo, "sdk/dotnet");
  if (!(await has("dotnet", ["--version"]))) {
    built.skipped.push("NuGet SDK: no `dotnet` on the PATH (install the .NET SDK)");
  } else {
    const dir = path.join(out, "dotnet");
    await exec("dotnet", ["pack", dotnet, "-c", "Release", "-o", dir], { maxBuffer: 64 * 1024 * 1024 });
    built.dotnet = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".nupkg"))
      .map((f) => path.join("dotnet", f));
  }
  for (const line of built.skipped) log(`skipped: ${line}`);
  return built;
}
