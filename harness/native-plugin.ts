import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PluginBuild } from "./plugin-manifest";
import { repoRoot } from "./offline";

// The native provider's plugin tarball, of one of two kinds:
// - "script": packed by scripts/pack-native-plugin.sh, the compiled provider and its dependencies run
//   by the `node` on the PATH (an npm install and a 16 MB tarball: half a minute on a loaded machine);
// - "sea": built by scripts/build-plugin.ts for this machine's platform, one executable that needs
//   nothing (the release asset; about a minute, most of it injecting into a 120 MB Node.js binary).
// Every jest worker and the benchmark need one, so a tarball is kept under .pulumi-state/ by the
// fingerprint of what goes into it (the compiled provider, package.json, package-lock.json, the build
// scripts) and reused while that is unchanged.

export type PluginKind = "script" | "sea";

const CACHE_DIR = path.join(repoRoot, ".pulumi-state", "native-plugin-cache");

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    })
    .sort();
}

const BUILD_SCRIPTS: Record<PluginKind, () => string[]> = {
  script: () => [path.join(repoRoot, "scripts/pack-native-plugin.sh")],
  sea: () => [
    path.join(repoRoot, "scripts/build-plugin.ts"),
    ...filesUnder(path.join(repoRoot, "scripts/build-plugin")),
  ],
};

/** A hash of every input of the build; another build or dependency gives another tarball. */
export function pluginFingerprint(kind: PluginKind = "script"): string {
  const hash = createHash("sha256").update(kind).update("\0");
  const inputs = [
    ...filesUnder(path.join(repoRoot, "dist/provider")),
    path.join(repoRoot, "package.json"),
    path.join(repoRoot, "package-lock.json"),
    ...BUILD_SCRIPTS[kind](),
  ];
  for (const file of inputs) {
    hash.update(path.relative(repoRoot, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return `${kind}-${hash.digest("hex").slice(0, 16)}`;
}

const tsxCli = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
const buildPluginScript = path.join(repoRoot, "scripts/build-plugin.ts");

/** Runs a build; resolves with the last line of its output (the tarball's path). */
function runBuild(label: string, command: string, args: string[]): Promise<string> {
  const env = {
    ...process.env,
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
  };
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${label} failed:\n${stderr}`));
      else resolve(stdout.trim().split("\n").pop() as string);
    });
  });
}

/** Runs the build of `kind` into `out`; resolves with the tarball's path. */
function build(kind: PluginKind, out: string): Promise<string> {
  // esbuild cannot run inside jest's module sandbox, so the SEA build is a process of its own.
  return kind === "script"
    ? runBuild("pack-native-plugin.sh", "bash", [path.join(repoRoot, "scripts/pack-native-plugin.sh"), out])
    : runBuild("build-plugin.ts --host", process.execPath, [
        tsxCli,
        buildPluginScript,
        "--host",
        "--out",
        out,
      ]);
}

/** Tarballs of earlier builds of the same kind (16 MB or more each) go once the current one is built. */
function pruneOtherBuilds(kind: PluginKind, current: string): void {
  for (const name of fs.readdirSync(CACHE_DIR)) {
    const sameKind = name.startsWith(`${kind}-`) || (kind === "script" && /^[0-9a-f]{16}$/.test(name));
    if (name !== current && sameKind) fs.rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
}

let buildingAll: Promise<PluginBuild> | undefined;

/**
 * The self-contained plugin of every platform (scripts/build-plugin.ts), kept like the tarballs:
 * what the benchmark reports the sizes of.
 */
export function allPlatformsBuild(): Promise<PluginBuild> {
  buildingAll ??= (async () => {
    const dir = path.join(CACHE_DIR, `all-${pluginFingerprint("sea")}`);
    const manifest = path.join(dir, "plugin-build.json");
    if (!fs.existsSync(manifest)) {
      const scratch = path.join(CACHE_DIR, `packing-${randomBytes(4).toString("hex")}`);
      try {
        await runBuild("build-plugin.ts", process.execPath, [tsxCli, buildPluginScript, "--out", scratch]);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.renameSync(scratch, dir);
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
      for (const name of fs.readdirSync(CACHE_DIR)) {
        if (name.startsWith("all-") && name !== path.basename(dir)) {
          fs.rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
        }
      }
    }
    return JSON.parse(fs.readFileSync(manifest, "utf8")) as PluginBuild;
  })();
  return buildingAll;
}

const building = new Map<PluginKind, Promise<string>>();

/**
 * The tarball of the current build (needs `npm run build`, which `npm test` runs first): by default
 * the script plugin; "sea" for the self-contained executable of this machine's platform.
 */
export function pluginTarball(kind: PluginKind = "script"): Promise<string> {
  const known = building.get(kind);
  if (known) return known;
  const made = (async () => {
    if (!fs.existsSync(path.join(repoRoot, "dist/provider/native/main.js"))) {
      throw new Error("dist/provider/native/main.js is missing: run `npm run build` first");
    }
    const dir = path.join(CACHE_DIR, pluginFingerprint(kind));
    const kept = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".tar.gz")) : [];
    if (kept.length > 0) return path.join(dir, kept[0]);
    // Built beside the cache, then renamed in: a worker building at the same time never sees half a file.
    const scratch = path.join(CACHE_DIR, `packing-${randomBytes(4).toString("hex")}`);
    try {
      const packed = await build(kind, scratch);
      fs.mkdirSync(dir, { recursive: true });
      const tarball = path.join(dir, path.basename(packed));
      fs.renameSync(packed, tarball);
      pruneOtherBuilds(kind, path.basename(dir));
      return tarball;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  })();
  building.set(kind, made);
  return made;
}
