import { execFile, execFileSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../support/offline";

// The generated SDKs are current (regenerated from the schema, they equal sdk/) and compile:
// Go build and vet, tsc, Python byte-compile, `dotnet build` where dotnet exists (elsewhere a line
// says the compile is skipped, printed and in the test's name; tests/unit/dotnet-sdk.test.ts checks
// the C# sources instead).

const hasDotnet = (() => {
  try {
    execFileSync("bash", ["-c", "command -v dotnet"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const dotnetLine = hasDotnet ? ".NET SDK builds" : "dotnet: not on this machine, compile skipped";

// Regeneration builds scripts/sdk-gen-dotnet, which compiles pkg/v3 v3.224.0: about 3.5 min on 2 busy
// cores with an empty Go build cache (the other generator's pkg/v3 is the CLI's, compiled with it).
const COLD_BUILD_TIMEOUT_MS = 25 * 60_000;

describe("generated SDKs", () => {
  it(
    `are current and compile (.NET: ${dotnetLine})`,
    async () => {
      const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          "bash",
          [path.join(repoRoot, "scripts/check-sdks.sh")],
          {
            cwd: repoRoot,
            env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
            maxBuffer: 64 * 1024 * 1024,
          },
          (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }),
        );
      });
      const summary = result.stderr.split("\n").filter((line) => line.startsWith("check-sdks: "));
      console.log(summary.join("\n"));
      expect(result.stderr).toContain("sdk/ is current");
      expect(result.code).toBe(0);
      for (const line of [
        "Go SDK builds",
        "Node.js SDK type-checks",
        "Python SDK byte-compiles",
        dotnetLine,
      ]) {
        expect(result.stderr).toContain(line);
      }
    },
    COLD_BUILD_TIMEOUT_MS,
  );
});
