/**
 * The packages as they leave a clean clone: `git clone` of HEAD, `npm ci` (Node 22 from the `node`
 * devDependency, no install script left unreviewed), `npm pack` of the package and of the emulator
 * (their scripts build them: a clone has no dist/), published to a local registry (verdaccio on
 * 127.0.0.1, its own storage; other packages come through it from registry.npmjs.org) and installed
 * from it in a fresh project outside the repository, which then runs `npx confluent-network-link-emulator`
 * and `pulumi up` / `destroy` with the CLI. And `npm install git+file://<clone>`, which builds on
 * install. Needs the npm registry; no `npm run build` of this checkout (everything comes from the clone).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { EmulatorAdmin } from "confluent-network-link-emulator";
import { openCliProject, type CliProject } from "../../harness/cli-project";
import { emulatorLinks } from "../../harness/emulator-links";
import { EMULATOR_PACKAGE, NPM_PACKAGE } from "../../provider/package-identity";
import { repoPackageJson, runCommand, type Command } from "../support/consumer-project";
import { repoRoot } from "../support/offline";

jest.setTimeout(1_500_000);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "network-link-registry-"));
const clone = path.join(work, "clone");
const version = repoPackageJson().version;

async function mustRun(command: string, args: string[], cwd: string): Promise<Command> {
  const result = await runCommand(command, args, cwd);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Spawns a long-running process; its first stdout line (the emulator's ready line) resolves `ready`. */
function start(command: string, args: string[], cwd: string) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) =>
      reject(new Error(`${command} exited ${code} before it was ready:\n${stderr}`)),
    );
  });
  return { child, ready };
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** A local registry: verdaccio with its own storage and users; our two packages are never proxied. */
async function startRegistry(): Promise<{ url: string; process: ChildProcess; token: string }> {
  const dir = path.join(work, "registry");
  fs.mkdirSync(dir);
  const local = { access: "$all", publish: "$authenticated" };
  const config = [
    `storage: ${JSON.stringify(path.join(dir, "storage"))}`,
    `auth: { htpasswd: { file: ${JSON.stringify(path.join(dir, "htpasswd"))}, max_users: 1 } }`,
    "uplinks: { npmjs: { url: https://registry.npmjs.org/, timeout: 60s } }",
    "packages:",
    `  "${NPM_PACKAGE}": ${JSON.stringify(local)}`,
    `  "${EMULATOR_PACKAGE}": ${JSON.stringify(local)}`,
    `  "**": { access: $all, publish: $authenticated, proxy: npmjs }`,
    "log: { type: stdout, format: json, level: warn }",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "config.yaml"), config);
  const url = `http://127.0.0.1:${await freePort()}`;
  const bin = path.join(repoRoot, "node_modules", "verdaccio", "bin", "verdaccio");
  const registry = spawn(
    process.execPath,
    [bin, "--config", path.join(dir, "config.yaml"), "--listen", url.replace("http://", "")],
    { cwd: dir, stdio: "ignore" },
  );
  for (let attempt = 0; ; attempt++) {
    const ping = await fetch(`${url}/-/ping`).catch(() => undefined);
    if (ping?.ok) break;
    if (attempt > 150 || registry.exitCode !== null) throw new Error(`verdaccio did not start on ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const user = await fetch(`${url}/-/user/org.couchdb.user:ci`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "ci", password: "registry-test-password" }),
  });
  const { token } = (await user.json()) as { token?: string };
  if (!token) throw new Error(`verdaccio gave no token (${user.status})`);
  return { url, process: registry, token };
}

let npmCi: Command;
const tarballs: Record<string, { path: string; files: string[] }> = {};
let registry: { url: string; process: ChildProcess; token: string } | undefined;

beforeAll(async () => {
  await mustRun("git", ["clone", "--quiet", repoRoot, clone], work);
  npmCi = await mustRun("npm", ["ci", "--no-audit", "--no-fund"], clone);
  const packs = path.join(work, "packs");
  fs.mkdirSync(packs);
  for (const [name, args] of [
    [NPM_PACKAGE, []],
    [EMULATOR_PACKAGE, ["--workspace", EMULATOR_PACKAGE]],
  ] as const) {
    const { stdout } = await mustRun("npm", ["pack", ...args, "--json", "--pack-destination", packs], clone);
    // Script output may precede the JSON on stdout.
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarballs[name] = { path: path.join(packs, packed.filename), files: packed.files.map((f) => f.path) };
  }
});

afterAll(async () => {
  await stop(registry?.process);
  fs.rmSync(work, { recursive: true, force: true });
});

describe("a clean clone", () => {
  it("npm ci: Node 22 from the node devDependency, and no install script left unreviewed", async () => {
    expect(`${npmCi.stdout}${npmCi.stderr}`).not.toMatch(/not yet covered by allowScripts/);
    const node = await mustRun(path.join(clone, "node_modules", ".bin", "node"), ["--version"], clone);
    expect(node.stdout.trim()).toMatch(/^v22\./);
  });

  it("npm pack builds: the package's and the emulator's tarballs hold their compiled code", () => {
    expect(tarballs[NPM_PACKAGE].files).toEqual(
      expect.arrayContaining([
        "dist/provider/index.js",
        "dist/provider/index.d.ts",
        "dist/provider/runtime.js",
        "dist/provider/resources/forwarder.js",
      ]),
    );
    expect(tarballs[EMULATOR_PACKAGE].files).toEqual(
      expect.arrayContaining(["dist/index.js", "dist/index.d.ts", "dist/cli/main.js"]),
    );
  });
});

describe("installed from a registry in a fresh project", () => {
  let dir: string;
  let emulator: ChildProcess | undefined;
  let project: CliProject | undefined;

  beforeAll(async () => {
    registry = await startRegistry();
    const auth = path.join(work, "publisher.npmrc");
    fs.writeFileSync(auth, `//${registry.url.replace("http://", "")}/:_authToken=${registry.token}\n`);
    for (const name of [NPM_PACKAGE, EMULATOR_PACKAGE]) {
      await mustRun(
        "npm",
        [
          "publish",
          tarballs[name].path,
          "--registry",
          registry.url,
          "--userconfig",
          auth,
          "--ignore-scripts",
        ],
        work,
      );
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "network-link-registry-consumer-"));
    fs.writeFileSync(path.join(dir, ".npmrc"), `registry=${registry.url}/\n`);
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      "name: registry-consumer\nruntime: nodejs\ndescription: A user's project\n",
    );
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      [
        'import { BidirectionalNetworkLink } from "pulumi-confluent-network-link";',
        'const link = new BidirectionalNetworkLink("consumer", {',
        '  a: { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } },',
        '  b: { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb1" } },',
        "});",
        "export const ready = link.ready;",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "package.json"),
      `${JSON.stringify({ name: "registry-consumer", private: true, main: "index.ts" }, null, 2)}\n`,
    );
    const { "@pulumi/pulumi": pulumi, typescript } = repoPackageJson().devDependencies ?? {};
    await mustRun(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        `${NPM_PACKAGE}@${version}`,
        `${EMULATOR_PACKAGE}@${version}`,
        `@pulumi/pulumi@${pulumi}`,
        `typescript@${typescript}`,
      ],
      dir,
    );
  });

  afterAll(async () => {
    if (project) {
      await project.run(["destroy", "--yes", "--stack", "dev"], { allowFailure: true });
      await project.dispose();
    }
    await stop(emulator);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("installs both packages from the local registry: the very tarballs packed from the clone", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
    for (const name of [NPM_PACKAGE, EMULATOR_PACKAGE]) {
      const integrity = `sha512-${createHash("sha512").update(fs.readFileSync(tarballs[name].path)).digest("base64")}`;
      expect({ name, ...lock.packages[`node_modules/${name}`] }).toMatchObject({ name, version, integrity });
    }
  });

  it("runs the emulator with npx by its package's name, and goes up and down with the CLI", async () => {
    const run = start(
      "npx",
      [
        "--no-install",
        EMULATOR_PACKAGE,
        "--port",
        "0",
        "--service-delay-ms",
        "300",
        "--endpoint-delay-ms",
        "300",
        "--deprovision-delay-ms",
        "200",
      ],
      dir,
    );
    emulator = run.child;
    const ready = JSON.parse(await run.ready) as { event: string; url: string };
    expect(ready.event).toBe("ready");
    const admin = new EmulatorAdmin(ready.url);

    project = await openCliProject({ projectDir: dir });
    await project.run(["stack", "init", "dev"]);
    await project.run(["config", "set", "confluentcloud:endpoint", ready.url]);
    await project.run(["config", "set", "confluentcloud:cloudApiKey", "EMULATOR_KEY"]);
    await project.run(["config", "set", "--secret", "confluentcloud:cloudApiSecret", "emulator-secret"]);
    await project.run(["up", "--yes"]);
    expect((await project.json<Record<string, unknown>>(["stack", "output"])).ready).toBe(true);
    const deployed = await emulatorLinks(admin);
    expect(deployed.services).toHaveLength(2);
    expect(deployed.endpoints).toHaveLength(2);

    await project.run(["destroy", "--yes"]);
    expect(await emulatorLinks(admin)).toEqual({ services: [], endpoints: [] });
  });
});

describe("npm install git+file://<clone>", () => {
  it("builds the package on install: its entry point loads", async () => {
    const dir = path.join(work, "git-consumer");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "git-consumer", "private": true }\n');
    await mustRun("npm", ["install", "--no-audit", "--no-fund", `git+file://${clone}`], dir);
    const installed = path.join(dir, "node_modules", NPM_PACKAGE);
    expect(fs.existsSync(path.join(installed, "dist", "provider", "index.js"))).toBe(true);
    const exported = await mustRun(
      process.execPath,
      ["-e", `console.log(Object.keys(require(${JSON.stringify(NPM_PACKAGE)})).join(","))`],
      dir,
    );
    expect(exported.stdout.trim().split(",")).toEqual(
      expect.arrayContaining(["NetworkLinkService", "BidirectionalNetworkLink"]),
    );
  });
});
