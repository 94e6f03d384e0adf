import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./offline";

// The native provider's plugin tarball, packed by scripts/pack-native-plugin.sh (an npm install of
// its runtime dependencies and a 16 MB tarball: half a minute on a loaded 2-core machine). Every jest
// worker and the benchmark need it, so a tarball is kept under .pulumi-state/ by the fingerprint of
// what goes into it (the compiled provider, package.json, package-lock.json, the script) and reused
// while that is unchanged.

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

/** A hash of every input of the pack script; another build or dependency gives another tarball. */
export function pluginFingerprint(): string {
  const hash = createHash("sha256");
  const inputs = [
    ...filesUnder(path.join(repoRoot, "dist/provider")),
    path.join(repoRoot, "package.json"),
    path.join(repoRoot, "package-lock.json"),
    path.join(repoRoot, "scripts/pack-native-plugin.sh"),
  ];
  for (const file of inputs) {
    hash.update(path.relative(repoRoot, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

function pack(out: string): Promise<string> {
  const env = {
    ...process.env,
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
  };
  const script = path.join(repoRoot, "scripts/pack-native-plugin.sh");
  return new Promise((resolve, reject) => {
    execFile(
      "bash",
      [script, out],
      { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`pack-native-plugin.sh failed:\n${stderr}`));
        else resolve(stdout.trim().split("\n").pop() as string);
      },
    );
  });
}

/** Tarballs of earlier builds (16 MB each) go once the current one is packed. */
function pruneOtherBuilds(current: string): void {
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (name !== current && !name.startsWith("packing-")) {
      fs.rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
    }
  }
}

let packing: Promise<string> | undefined;

/** The tarball of the current build (needs `npm run build`, which `npm test` runs first). */
export function pluginTarball(): Promise<string> {
  packing ??= (async () => {
    if (!fs.existsSync(path.join(repoRoot, "dist/provider/native/main.js"))) {
      throw new Error("dist/provider/native/main.js is missing: run `npm run build` first");
    }
    const dir = path.join(CACHE_DIR, pluginFingerprint());
    const kept = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".tar.gz")) : [];
    if (kept.length > 0) return path.join(dir, kept[0]);
    // Packed beside the cache, then renamed in: a worker packing at the same time never sees half a file.
    const scratch = path.join(CACHE_DIR, `packing-${randomBytes(4).toString("hex")}`);
    try {
      const packed = await pack(scratch);
      fs.mkdirSync(dir, { recursive: true });
      const tarball = path.join(dir, path.basename(packed));
      fs.renameSync(packed, tarball);
      pruneOtherBuilds(path.basename(dir));
      return tarball;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  })();
  return packing;
}
