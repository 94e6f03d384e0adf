/**
 * Builds the native provider's plugin as one self-contained executable per platform: the provider
 * bundled to one file (esbuild), made a Node.js single executable application (a blob injected into
 * the Node.js binary of each platform, fetched from npm into a cache), packed as the release asset
 * Pulumi downloads: pulumi-resource-confluentnetworklink-v<version>-<os>-<arch>.tar.gz, holding the
 * executable (`.exe` on Windows). Needs `npm run build` first.
 *
 *   npx tsx scripts/build-plugin.ts [--platform linux-amd64 ... | --host] [--out dist/plugin]
 *
 * Default: every platform, into dist/plugin. Also writes <out>/plugin-build.json (version, Node.js
 * version, packed and unpacked size of each asset, whether a darwin binary is signed) and prints each
 * tarball's path. The binary of the build machine's platform is started once as a check. Node.js
 * binaries are cached in node_modules/.cache/plugin-node (or $PLUGIN_NODE_CACHE).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundleProvider } from "./build-plugin/bundle";
import { checkServes } from "./build-plugin/check";
import { nodeBinary } from "./build-plugin/node-binaries";
import type { BuiltAsset, PluginBuild } from "../harness/plugin-manifest";
import { packPlugin } from "./build-plugin/pack";
import {
  hostPlatform,
  platformById,
  PLATFORMS,
  PLUGIN_NODE_VERSION,
  type Platform,
} from "./build-plugin/platforms";
import { injectBlob, makeBlob } from "./build-plugin/sea";

const repo = path.resolve(__dirname, "..");

export interface BuildOptions {
  platforms?: readonly Platform[];
  out?: string;
  cacheDir?: string;
  log?: (line: string) => void;
}

export async function buildPlugin(options: BuildOptions = {}): Promise<PluginBuild> {
  const platforms = options.platforms ?? PLATFORMS;
  const out = options.out ?? path.join(repo, "dist/plugin");
  const cacheDir =
    options.cacheDir ?? process.env.PLUGIN_NODE_CACHE ?? path.join(repo, "node_modules/.cache/plugin-node");
  const log = options.log ?? ((line: string) => console.error(`build-plugin: ${line}`));
  const entry = path.join(repo, "dist/provider/native/main.js");
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const host = requireHost();
  const version = (
    JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string }
  ).version;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "build-plugin-"));
  try {
    const bundle = path.join(work, "provider.js");
    const warnings = await bundleProvider(entry, bundle);
    for (const warning of warnings) log(`esbuild: ${warning}`);
    const blob = path.join(work, "provider.blob");
    await makeBlob(await nodeBinary(host, cacheDir), bundle, blob);
    fs.mkdirSync(out, { recursive: true });
    const assets: BuiltAsset[] = [];
    // One at a time: each holds a Node.js binary (about 100 MB) in memory while injecting.
    for (const platform of platforms) {
      const stage = path.join(work, platform.id);
      fs.mkdirSync(stage);
      const asset = await packPlugin({
        platform,
        version,
        stage,
        out,
        inject: (executable) =>
          nodeBinary(platform, cacheDir).then((node) => injectBlob(node, blob, platform, executable)),
      });
      if (platform.id === host.id) await checkServes(path.join(stage, asset.executable), { PATH: "" });
      log(
        `${asset.asset}: ${mb(asset.packedBytes)} packed, ${mb(asset.unpackedBytes)} unpacked${platform.os === "darwin" && !asset.signed ? " (not signed: needs macOS codesign)" : ""}`,
      );
      assets.push(asset);
    }
    const build: PluginBuild = {
      version,
      nodeVersion: PLUGIN_NODE_VERSION,
      bundleBytes: fs.statSync(bundle).size,
      assets,
    };
    fs.writeFileSync(path.join(out, "plugin-build.json"), JSON.stringify(build, null, 2) + "\n");
    return build;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The platform of this machine: its Node.js binary makes the blob. */
function requireHost(): Platform {
  const host = hostPlatform();
  if (!host) {
    throw new Error(
      `no Node.js binary for this machine (${process.platform}-${process.arch}) to make the blob with`,
    );
  }
  return host;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function parseArgs(argv: string[]): BuildOptions {
  const platforms: Platform[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === "--platform" || arg === "--out") && value === undefined)
      throw new Error(`${arg} needs a value`);
    if (arg === "--platform") platforms.push(platformById(argv[++i]));
    else if (arg === "--host") platforms.push(requireHost());
    else if (arg === "--out") out = path.resolve(argv[++i]);
    else
      throw new Error(
        `unknown argument '${arg}': use --platform <${PLATFORMS.map((p) => p.id).join("|")}> (repeatable) or --host (this machine's), and --out <folder>`,
      );
  }
  return { platforms: platforms.length > 0 ? platforms : undefined, out };
}

if (require.main === module) {
  buildPlugin(parseArgs(process.argv.slice(2))).then(
    (build) => {
      const out = path.resolve(parseArgs(process.argv.slice(2)).out ?? path.join(repo, "dist/plugin"));
      for (const asset of build.assets) console.log(path.join(out, asset.asset));
    },
    (err: unknown) => {
      console.error(`build-plugin: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
