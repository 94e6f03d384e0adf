import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

describe("package", () => {
  it("packs the compiled provider with its type declarations, and nothing else (no emulator)", () => {
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: root, encoding: "utf8" }),
    );
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    for (const entry of Object.values(pkg.exports) as ({ default: string; types: string } | string)[]) {
      if (typeof entry === "string") continue;
      expect(files).toContain(entry.default.replace(/^\.\//, ""));
      expect(files).toContain(entry.types.replace(/^\.\//, ""));
    }
    // The emulator is its own workspace package: the resource package ships none of it.
    expect(pkg.bin).toBeUndefined();
    expect(pkg.dependencies.fastify).toBeUndefined();
    expect(files.some((f) => f.startsWith("dist/emulator"))).toBe(false);
    expect(files.filter((f) => !f.startsWith("dist/")).sort()).toEqual([
      "LICENSE",
      "NOTICE",
      "README.md",
      "package.json",
    ]);
    expect(files.some((f) => /test|\.ts$/.test(f) && !f.endsWith(".d.ts"))).toBe(false);
  });

  it("exports the resources and components from the package name", () => {
    const out = execFileSync(
      process.execPath,
      ["-e", 'console.log(Object.keys(require("pulumi-confluent-network-link")).join(","))'],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    expect(out.trim().split(",")).toEqual(
      expect.arrayContaining([
        "NetworkLinkService",
        "NetworkLinkEndpoint",
        "NetworkLink",
        "BidirectionalNetworkLink",
        "NetworkLinkMesh",
      ]),
    );
  });

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
    expect(out.trim().split(",")).toContain("VERSION");
  });
});
