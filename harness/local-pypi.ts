import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { repoRoot } from "./offline";

// The Python SDK published the way a package index serves it: its wheel and sdist built with
// `python -m build`, uploaded with twine to a local PyPI (pypiserver on 127.0.0.1, a temp packages
// folder) and installed with pip into a fresh virtual environment. The tools come from PyPI into a
// virtual environment cached under .pulumi-state/ (never committed), and pip's download cache sits
// beside it, so only the first run on a machine downloads them.

/** The tools, pinned: another pin gives another cached environment. */
const TOOLS = ["pypiserver==2.4.2", "build==1.6.1", "twine==7.0.0"];

const CACHE_DIR = path.join(repoRoot, ".pulumi-state", "python-cache");
/** pip's own cache: wheels of `pulumi` and its dependencies are downloaded once per machine. */
export const PIP_CACHE_DIR = path.join(CACHE_DIR, "pip");

export const PYTHON_SDK_DIR = path.join(repoRoot, "sdk/python");

function python(): string {
  return process.env.PYTHON ?? "python3";
}

/** Runs a command; rejects with its output when it fails. */
export function exec(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const env = { ...process.env, PIP_CACHE_DIR, PIP_DISABLE_PIP_VERSION_CHECK: "1", ...options.env };
  return new Promise((resolve, reject) => {
    execFile(command, args, { ...options, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** `python -m venv` into `dir`; returns the environment's python. */
export async function createVenv(dir: string): Promise<string> {
  await exec(python(), ["-m", "venv", dir]);
  return path.join(dir, "bin", "python");
}

let tools: Promise<string> | undefined;

/**
 * The python of a virtual environment holding pypiserver, build and twine. Made at a temporary name
 * and renamed into place when complete, so a parallel worker never uses half of one; the tools are
 * run as `python -m …`, which still works after the rename (their scripts' first lines would not).
 */
export function toolsPython(): Promise<string> {
  tools ??= (async () => {
    const pins = createHash("sha256").update(TOOLS.join("\n")).digest("hex").slice(0, 12);
    const dir = path.join(CACHE_DIR, `tools-${pins}`);
    const bin = path.join(dir, "bin", "python");
    if (fs.existsSync(bin)) return bin;
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const scratch = `${dir}.tmp-${randomBytes(4).toString("hex")}`;
    try {
      const scratchPython = await createVenv(scratch);
      await exec(scratchPython, ["-m", "pip", "install", "--quiet", ...TOOLS]);
      fs.renameSync(scratch, dir);
    } catch (err) {
      if (!fs.existsSync(bin)) throw err; // another worker finished first otherwise
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    return bin;
  })();
  return tools;
}

/**
 * Builds the SDK's sdist and wheel with `python -m build` (isolated build environment, as a release
 * would) from a copy of sdk/python, so that no build/ or *.egg-info lands in the repository.
 * Returns the two files, in `outDir`.
 */
export async function buildPythonSdk(outDir: string): Promise<string[]> {
  const toolPython = await toolsPython();
  const source = path.join(outDir, "source");
  fs.cpSync(PYTHON_SDK_DIR, source, { recursive: true });
  const dist = path.join(outDir, "dist");
  await exec(toolPython, ["-m", "build", "--sdist", "--wheel", "--outdir", dist, source]);
  return fs
    .readdirSync(dist)
    .sort()
    .map((name) => path.join(dist, name));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalPypi {
  /** The simple index pip reads: `http://127.0.0.1:<port>/simple/`. */
  indexUrl: string;
  /** Where twine uploads. */
  uploadUrl: string;
  packagesDir: string;
  /** Uploads files with `twine upload`, as a release to PyPI does. */
  upload(files: string[]): Promise<void>;
  close(): Promise<void>;
}

async function waitHealthy(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`pypiserver exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`pypiserver did not answer ${url} within 30 s:\n${log()}`);
}

/**
 * pypiserver on 127.0.0.1 serving a fresh packages folder inside `dir`. Uploads need no password
 * (`-a . -P .`); names it does not hold are not redirected to pypi.org (`--disable-fallback`), so
 * pip finds only what was uploaded here on this index.
 */
export async function startLocalPypi(dir: string): Promise<LocalPypi> {
  const toolPython = await toolsPython();
  const packagesDir = path.join(dir, "packages");
  fs.mkdirSync(packagesDir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    toolPython,
    ["-m", "pypiserver", "run", "-i", "127.0.0.1", "-p", String(port), "-a", ".", "-P", "."].concat([
      "--disable-fallback",
      packagesDir,
    ]),
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const close = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  };
  try {
    await waitHealthy(`${base}/health`, server, () => output);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    indexUrl: `${base}/simple/`,
    uploadUrl: `${base}/`,
    packagesDir,
    async upload(files) {
      await exec(
        toolPython,
        ["-m", "twine", "upload", "--non-interactive", "--repository-url", `${base}/`, ...files],
        {
          // pypiserver accepts any account here; twine insists on one.
          env: { TWINE_USERNAME: "local", TWINE_PASSWORD: "local" },
        },
      );
    },
    close,
  };
}
