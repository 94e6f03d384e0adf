import { execFile } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../support/offline";

// The generated SDKs are current (regenerated from the schema, they equal sdk/) and compile:
// Go build and vet, tsc, Python byte-compile. .NET: reported skipped (no dotnet, no generator).

describe("generated SDKs", () => {
  it("are current and compile", async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        "bash",
        [path.join(repoRoot, "scripts/check-sdks.sh")],
        {
          cwd: repoRoot,
          env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
        },
        (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }),
      );
    });
    expect(result.stderr).toContain("sdk/ is current");
    expect(result.code).toBe(0);
    for (const line of [
      "Go SDK builds",
      "Node.js SDK type-checks",
      "Python SDK byte-compiles",
      ".NET: skipped",
    ]) {
      expect(result.stderr).toContain(line);
    }
  });
});
