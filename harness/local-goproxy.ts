import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./offline";

// A Go module served the way a user's `go get` fetches a published one: from a module proxy
// (GOPROXY=file://<folder>, laid out by harness/go-module-proxy with golang.org/x/mod/zip), not from a
// `replace` to a folder. Every other module comes from the real proxy, after ours.

const PUBLISHER = path.join(repoRoot, "harness", "go-module-proxy");

export function go(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "go",
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`go ${args.join(" ")} failed in ${options.cwd}:\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

export interface PublishedModule {
  /** GOPROXY, GONOSUMDB for `go` commands that should find the module as a user would. */
  env: Record<string, string>;
}

/**
 * Publishes the module in `dir` (its go.mod must declare `modulePath`) as `version` into a proxy
 * folder `proxyDir`. The module is private to this machine, so GONOSUMDB keeps `go` from asking the
 * checksum database about it (a module published on GitHub would be found there).
 *
 * A module version is immutable, so the module cache keeps the first copy of it ever downloaded: this
 * removes the cache's copy of this one version, or a changed SDK would go untested.
 */
export async function publishGoModule(
  proxyDir: string,
  modulePath: string,
  version: string,
  dir: string,
): Promise<PublishedModule> {
  await go(["run", ".", proxyDir, modulePath, version, dir], { cwd: PUBLISHER });
  await forgetCachedVersion(modulePath, version);
  return {
    env: {
      GOPROXY: `file://${proxyDir},https://proxy.golang.org`,
      GONOSUMDB: modulePath,
    },
  };
}

async function forgetCachedVersion(modulePath: string, version: string): Promise<void> {
  const modCache = (await go(["env", "GOMODCACHE"], { cwd: PUBLISHER })).trim();
  if (modulePath !== modulePath.toLowerCase()) {
    // The cache escapes capitals (!x); our module paths have none, so plain joins are right.
    throw new Error(`module path ${modulePath} has capitals: escape it before touching the module cache`);
  }
  const extracted = path.join(modCache, `${modulePath}@${version}`);
  const downloaded = path.join(modCache, "cache", "download", modulePath, "@v");
  // Go makes extracted modules read-only.
  if (fs.existsSync(extracted)) {
    for (const dir of [extracted, ...walkDirs(extracted)]) fs.chmodSync(dir, 0o755);
    fs.rmSync(extracted, { recursive: true, force: true });
  }
  for (const ext of [".info", ".mod", ".zip", ".ziphash", ".lock", ".partial"]) {
    fs.rmSync(path.join(downloaded, version + ext), { force: true });
  }
}

function walkDirs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return [full, ...walkDirs(full)];
    });
}
