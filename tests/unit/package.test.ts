import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

describe("package", () => {
  it("runs the tests on Node 22 or newer", () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(22);
  });

  it("resolves its public entry point from the compiled output", () => {
    const entry = path.join(root, pkg.exports["."].default);
    expect(fs.existsSync(entry)).toBe(true);
    const out = execFileSync(
      process.execPath,
      ["-e", `console.log(Object.keys(require(${JSON.stringify(entry)})).join(","))`],
      {
        encoding: "utf8",
      },
    );
    expect(out.trim().split(",")).toContain("PACKAGE_NAME");
  });
});
