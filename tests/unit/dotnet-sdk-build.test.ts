import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// scripts/sdk-gen-dotnet/build-sdk.sh, the .NET step of scripts/check-sdks.sh. This machine has no
// `dotnet`, so where it is present a stand-in plays it: a script that records what it was asked to
// build and writes bin/ and obj/ there, as `dotnet build` does.

const repoRoot = path.join(__dirname, "../..");
const script = path.join(repoRoot, "scripts/sdk-gen-dotnet/build-sdk.sh");
const sdk = path.join(repoRoot, "sdk/dotnet");

function run(pathDirs: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile("bash", [script, sdk], { env: { PATH: pathDirs.join(":") } }, (err, _stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }),
    );
  });
}

/** A folder holding a `dotnet` that logs `build` calls into <folder>/calls and exits with buildExit. */
function fakeDotnet(buildExit: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-dotnet-"));
  const body = [
    "#!/bin/bash",
    'if [[ "$1" == --version ]]; then echo 8.0.100; exit 0; fi',
    `if [[ "$1" == build ]]; then`,
    `  ls "$2" >"${dir}/listing"; echo "$@" >>"${dir}/calls"; mkdir -p "$2/bin" "$2/obj"; exit ${buildExit}`,
    "fi",
    "exit 2",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "dotnet"), body + "\n", { mode: 0o755 });
  return dir;
}

const systemDirs = ["/usr/bin", "/bin"].filter((d) => !fs.existsSync(path.join(d, "dotnet")));

describe("scripts/sdk-gen-dotnet/build-sdk.sh", () => {
  it("says the compile is skipped where there is no dotnet", async () => {
    const result = await run(systemDirs);
    expect(result).toEqual({ code: 0, stderr: "check-sdks: dotnet: not on this machine, compile skipped\n" });
  });

  it("builds a copy of sdk/dotnet where dotnet exists, leaving sdk/dotnet as it was", async () => {
    const fake = fakeDotnet(0);
    const result = await run([fake, ...systemDirs]);
    expect(result.stderr).toContain("check-sdks: .NET SDK builds (dotnet 8.0.100)");
    expect(result.code).toBe(0);
    const [call] = fs.readFileSync(path.join(fake, "calls"), "utf8").trim().split("\n");
    const [, builtDir, flag] = call.split(" ");
    expect(flag).toBe("--nologo");
    expect(path.resolve(builtDir)).not.toBe(path.resolve(sdk));
    const project = fs.readdirSync(sdk).find((f) => f.endsWith(".csproj"));
    expect(project).toBeDefined();
    expect(fs.readFileSync(path.join(fake, "listing"), "utf8").split("\n")).toContain(project);
    expect(fs.existsSync(path.join(sdk, "bin"))).toBe(false);
    expect(fs.existsSync(path.join(sdk, "obj"))).toBe(false);
    expect(fs.existsSync(builtDir)).toBe(false); // the copy is removed
  });

  it("fails when the build fails", async () => {
    const result = await run([fakeDotnet(1), ...systemDirs]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toContain(".NET SDK builds");
  });
});
