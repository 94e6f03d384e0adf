/**
 * The package as npm ships it and as a Pulumi user installs it. Needs `npm run build` first.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

/** What is meant to ship: compiled code, declarations and their maps, the sources the maps point at, docs. */
function meantToShip(file: string): boolean {
  if (["package.json", "README.md", "CHANGELOG.md", "LICENSE", "NOTICE"].includes(file)) return true;
  if (/^dist\/(provider|emulator)\/.+\.(js|d\.ts|d\.ts\.map)$/.test(file)) return true;
  return /^provider\/.+\.ts$/.test(file) && !file.endsWith(".d.ts");
}

function packedFiles(command: string[]): string[] {
  const out = execFileSync("npm", [...command, "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const parsed = JSON.parse(out);
  const entry = Array.isArray(parsed) ? parsed[0] : Object.values(parsed)[0];
  return (entry as { files: { path: string }[] }).files.map((f) => f.path).sort();
}

/** Packages the compiled files of a folder load (`require("x")`, `require("@scope/x/sub")` → x, @scope/x). */
function externalRequires(dir: string): string[] {
  const found = new Set<string>();
  if (!fs.existsSync(dir)) return [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) {
        for (const [, spec] of fs.readFileSync(full, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
          const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
          if (!spec.startsWith("node:") && !builtinModules.includes(name) && name !== pkg.name)
            found.add(name);
        }
      }
    }
  };
  walk(dir);
  return [...found].sort();
}

describe("what npm ships", () => {
  it("npm pack and npm publish --dry-run list only what is meant to ship, entry points included", () => {
    const packed = packedFiles(["pack", "--dry-run"]);
    const published = packedFiles(["publish", "--dry-run"]);
    expect(published).toEqual(packed);
    expect(packed.filter((f) => !meantToShip(f))).toEqual([]);
    for (const entry of Object.values(pkg.exports) as ({ default: string; types: string } | string)[]) {
      if (typeof entry === "string") continue;
      expect(packed).toContain(entry.default.replace(/^\.\//, ""));
      expect(packed).toContain(entry.types.replace(/^\.\//, ""));
    }
    expect(packed).toContain("CHANGELOG.md");
    expect(packed).toContain("dist/provider/index.d.ts.map");
    expect(packed).toContain("provider/index.ts"); // what the declaration maps point at
    expect(packed.some((f) => /(^|\/)tests?\/|\.test\./.test(f))).toBe(false);
    // Every compiled file has its source: a build leaves nothing of a module since moved or removed.
    const compiled = packed.filter((f) => /^dist\/provider\/.+\.js$/.test(f));
    expect(compiled.length).toBeGreaterThan(20);
    expect(
      compiled.filter((f) => !packed.includes(f.replace(/^dist\//, "").replace(/\.js$/, ".ts"))),
    ).toEqual([]);
  });

  it("declaration maps point at shipped sources", () => {
    const map = JSON.parse(fs.readFileSync(path.join(root, "dist/provider/index.d.ts.map"), "utf8"));
    const source = path.resolve(root, "dist/provider", map.sources[0]);
    expect(path.relative(root, source)).toBe("provider/index.ts");
    expect(fs.existsSync(source)).toBe(true);
  });
});

describe("dependencies", () => {
  it("the resources load only got, zod and the user's @pulumi/pulumi", () => {
    expect(externalRequires(path.join(root, "dist/provider"))).toEqual(["@pulumi/pulumi", "got", "zod"]);
  });

  it("@pulumi/pulumi is a peer with a range >=3.X.0 <4, pinned as a devDependency inside it; never a dependency", () => {
    const range = pkg.peerDependencies["@pulumi/pulumi"];
    expect(range).toMatch(/^>=3\.\d+\.0 <4$/);
    const floor = Number(range.match(/^>=3\.(\d+)/)[1]);
    const pinned = pkg.devDependencies["@pulumi/pulumi"];
    expect(pinned).toMatch(/^3\.\d+\.\d+$/);
    expect(Number(pinned.split(".")[1])).toBeGreaterThanOrEqual(floor);
    expect(pkg.dependencies["@pulumi/pulumi"]).toBeUndefined();
  });

  it("@pulumi/confluentcloud is a devDependency only (examples/cluster-link), and every dependency is loaded", () => {
    expect(pkg.dependencies["@pulumi/confluentcloud"]).toBeUndefined();
    expect(pkg.devDependencies["@pulumi/confluentcloud"]).toBeDefined();
    const loaded = new Set([
      ...externalRequires(path.join(root, "dist/provider")),
      ...externalRequires(path.join(root, "dist/emulator")),
    ]);
    expect(Object.keys(pkg.dependencies).filter((name) => !loaded.has(name))).toEqual([]);
  });
});

describe("package.json for the registry", () => {
  it("names the repository, homepage and issue tracker", () => {
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
  });

  it("runs build and tests before publishing", () => {
    expect(pkg.scripts.prepublishOnly).toBe("npm test");
    expect(pkg.scripts.test).toMatch(/npm run build/);
    expect(pkg.scripts.test).toMatch(/jest/);
  });

  it("README links work on the registry page: absolute, or anchors of its own headings", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const slugs = [...readme.matchAll(/^#+ (.+)$/gm)].map(([, title]) =>
      title
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-"),
    );
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);
    expect(links.length).toBeGreaterThan(5);
    const broken = links.filter((target) =>
      target.startsWith("#") ? !slugs.includes(target.slice(1)) : !/^https?:\/\//.test(target),
    );
    expect(broken).toEqual([]);
  });
});

describe("entry points", () => {
  it("exports the resources, components and lookups, and not the API client", () => {
    const out = execFileSync(
      process.execPath,
      ["-e", 'console.log(Object.keys(require("pulumi-confluent-network-link")).join(","))'],
      { cwd: root, encoding: "utf8" },
    );
    const names = out.trim().split(",");
    expect(names).toEqual(
      expect.arrayContaining([
        "NetworkLinkService",
        "NetworkLinkEndpoint",
        "NetworkLink",
        "BidirectionalNetworkLink",
        "NetworkLinkMesh",
        "getNetworkLinkService",
        "getNetworkLinkEndpoint",
      ]),
    );
    expect(names.filter((n) => /Client|ApiError|Schema|CONFIG_KEYS|ENV_VARS/.test(n))).toEqual([]);
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
      { encoding: "utf8" },
    );
    expect(out.trim().split(",")).toContain("VERSION");
  });
});
