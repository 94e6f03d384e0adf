import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../harness/offline";

// The release's dry run (scripts/release.ts --dry-run): everything but the uploads. Its folder must
// hold the asset of every platform under the name the Pulumi CLI asks for, each with its executable
// for that platform, checksums that verify, the npm packages, and the sizes the build measured.

const version: string = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;

// The CLI's lookup: pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz, and the executable's format.
const expected = [
  { os: "linux", arch: "amd64", exe: "pulumi-resource-confluentnetworklink", magic: "7f454c46" },
  { os: "linux", arch: "arm64", exe: "pulumi-resource-confluentnetworklink", magic: "7f454c46" },
  { os: "darwin", arch: "amd64", exe: "pulumi-resource-confluentnetworklink", magic: "cffaedfe" },
  { os: "darwin", arch: "arm64", exe: "pulumi-resource-confluentnetworklink", magic: "cffaedfe" },
  { os: "windows", arch: "amd64", exe: "pulumi-resource-confluentnetworklink.exe", magic: "4d5a" },
].map((p) => ({ ...p, asset: `pulumi-resource-confluentnetworklink-v${version}-${p.os}-${p.arch}.tar.gz` }));

function dryRun(out: string): Promise<{ code: number; stderr: string }> {
  const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
  const args = [
    tsx,
    path.join(repoRoot, "scripts/release.ts"),
    "--dry-run",
    "--tag",
    `v${version}`,
    "--out",
    out,
  ];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
      (err, _stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stderr });
      },
    );
  });
}

describe("the release dry run", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "release-dry-run-"));
  let run: { code: number; stderr: string };
  beforeAll(async () => {
    run = await dryRun(out);
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("succeeds without uploading and prints the uploads it would make", () => {
    expect({
      code: run.code,
      problems: run.stderr.split("\n").filter((l) => l.includes("problem:")),
    }).toEqual({
      code: 0,
      problems: [],
    });
    expect(run.stderr).toContain(`gh release create v${version} --verify-tag`);
    expect(run.stderr).toContain(
      `npm publish ${path.join(out, `pulumi-confluent-network-link-${version}.tgz`)}`,
    );
    expect(run.stderr).toMatch(new RegExp(`git tag sdk/go/\\S+/v${version.replace(/\./g, "\\.")} v`));
  });

  it.each(expected)("has the $os-$arch asset holding its executable only", ({ asset, exe, magic }) => {
    const file = path.join(out, asset);
    expect(fs.existsSync(file)).toBe(true);
    const entries = execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(entries).toEqual([exe]);
    const head = execFileSync("tar", ["-xzOf", file, exe], { maxBuffer: 256 * 1024 * 1024 });
    expect(head.subarray(0, magic.length / 2).toString("hex")).toBe(magic);
  });

  it("lists every asset and package in checksums.txt, each matching its SHA-256", () => {
    const lines = fs.readFileSync(path.join(out, "checksums.txt"), "utf8").trim().split("\n");
    const listed = Object.fromEntries(lines.map((l) => l.split(/ {2}/)).map(([hash, file]) => [file, hash]));
    const npm = [
      `pulumi-confluent-network-link-${version}.tgz`,
      `confluent-network-link-emulator-${version}.tgz`,
    ];
    expect(Object.keys(listed)).toEqual(expect.arrayContaining([...expected.map((p) => p.asset), ...npm]));
    for (const [file, hash] of Object.entries(listed)) {
      const actual = createHash("sha256")
        .update(fs.readFileSync(path.join(out, file)))
        .digest("hex");
      expect({ file, hash: actual }).toEqual({ file, hash });
    }
  });

  it("records the packed and unpacked size of each platform's plugin", () => {
    const build = JSON.parse(fs.readFileSync(path.join(out, "plugin-build.json"), "utf8"));
    expect(build.version).toBe(version);
    expect(build.assets.map((a: { asset: string }) => a.asset)).toEqual(expected.map((p) => p.asset));
    for (const asset of build.assets) {
      expect(asset.packedBytes).toBe(fs.statSync(path.join(out, asset.asset)).size);
      // A Node.js binary with the provider in it: tens of megabytes, more than the tarball.
      expect(asset.unpackedBytes).toBeGreaterThan(asset.packedBytes);
    }
  });
});
