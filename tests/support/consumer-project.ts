/**
 * A user's project outside the repository: Pulumi's stock TypeScript template (Pulumi.yaml,
 * tsconfig.json, index.ts) with this package installed from its `npm pack` tarball and
 * @pulumi/pulumi and typescript from the registry, as `npm install` gives them to a user.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../harness/offline";

/** The tsconfig.json of Pulumi's `typescript` template: strict, es2020, commonjs, node resolution. */
export const STOCK_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** A user's program in the template's style: top-level resources, exported outputs. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { BidirectionalNetworkLink } from "pulumi-confluent-network-link";

const config = new pulumi.Config();
const link = new BidirectionalNetworkLink("consumer", {
  a: {
    environment: { id: config.get("aEnvironmentId") ?? "env-aaaaa1" },
    network: { id: config.get("aNetworkId") ?? "n-aaaaa1" },
  },
  b: {
    environment: { id: config.get("bEnvironmentId") ?? "env-bbbbb1" },
    network: { id: config.get("bNetworkId") ?? "n-bbbbb1" },
  },
});

export const aToBEndpointId = link.aToB.id;
export const bToAEndpointId = link.bToA.id;
export const ready = link.ready;
`;

export interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function repoPackageJson(): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as PackageJson;
}

/**
 * The @pulumi/pulumi versions a user may have, read from package.json now: the lower bound of the
 * peer dependency (when there is one) and the version the repository pins.
 */
export function supportedSdkVersions(pkg: PackageJson = repoPackageJson()): string[] {
  const first = (range: string | undefined) => range?.match(/\d+\.\d+\.\d+/)?.[0];
  const pinned =
    first(pkg.dependencies?.["@pulumi/pulumi"]) ?? first(pkg.devDependencies?.["@pulumi/pulumi"]);
  const lower = first(pkg.peerDependencies?.["@pulumi/pulumi"]);
  const versions = [lower, pinned].filter((v): v is string => v !== undefined);
  if (versions.length === 0) throw new Error("package.json names no @pulumi/pulumi version");
  return [...new Set(versions)];
}

export interface Command {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with Node 22 (this process's) first on the PATH; never rejects. */
export function runCommand(command: string, args: string[], cwd: string): Promise<Command> {
  const env = {
    ...process.env,
    PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
  };
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && code !== 0 ? err.message : "") });
    });
  });
}

async function mustRun(command: string, args: string[], cwd: string): Promise<Command> {
  const result = await runCommand(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** `npm pack` of the repository (which must be built) into `destination`; returns the tarball's path. */
export async function packRepository(destination: string): Promise<string> {
  if (!fs.existsSync(path.join(repoRoot, "dist", "provider", "index.d.ts"))) {
    throw new Error("dist/ is missing: run `npm run build` before the consumer project test");
  }
  const { stdout } = await mustRun(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", destination],
    repoRoot,
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  return path.join(destination, packed.filename);
}

/** A fresh project in the system's temp folder with the tarball and `@pulumi/pulumi@sdkVersion` installed. */
export async function createConsumerProject(tarball: string, sdkVersion: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `network-link-consumer-${sdkVersion}-`));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  write("Pulumi.yaml", "name: network-link-consumer\nruntime: nodejs\ndescription: A user's project\n");
  write("tsconfig.json", `${JSON.stringify(STOCK_TSCONFIG, null, 4)}\n`);
  write("index.ts", PROGRAM);
  write(
    "package.json",
    `${JSON.stringify({ name: "network-link-consumer", private: true, main: "index.ts" }, null, 2)}\n`,
  );
  const typescript = repoPackageJson().devDependencies?.typescript ?? "latest";
  await mustRun(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      tarball,
      `@pulumi/pulumi@${sdkVersion}`,
      `typescript@${typescript}`,
    ],
    dir,
  );
  return dir;
}

/** Every installed copy of a package under `dir`/node_modules (nested ones included), by version. */
export function installedCopies(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    const manifest = path.join(modules, name, "package.json");
    if (fs.existsSync(manifest)) {
      found.push((JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version);
    }
    for (const entry of fs.readdirSync(modules)) {
      const scoped = entry.startsWith("@")
        ? fs.readdirSync(path.join(modules, entry)).map((n) => `${entry}/${n}`)
        : [entry];
      for (const pkg of scoped) walk(path.join(modules, pkg, "node_modules"));
    }
  };
  walk(path.join(dir, "node_modules"));
  return found;
}
