import * as path from "node:path";
import { build, type Plugin } from "esbuild";

// The provider as one CommonJS file: what a Node.js single executable application runs. Inside one,
// `require` loads built-in modules only, so everything the provider loads is bundled: no package
// stays external, no source maps, no typings.

/**
 * provider/sdk-require.ts loads a closed list of modules from @pulumi/pulumi's own tree with
 * `createRequire`, which a bundle cannot resolve at run time. The bundle replaces that module with one
 * that requires each listed module by the very path @pulumi/pulumi resolves it to, so the gRPC
 * library and protobuf copies still match the generated clients' own.
 */
function sdkModulesInPlace(sdkModules: readonly string[]): Plugin {
  return {
    name: "sdk-modules-in-place",
    setup(b) {
      b.onLoad({ filter: /[\\/]provider[\\/]sdk-require\.js$/ }, async () => {
        const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
        const cases: string[] = [];
        for (const id of sdkModules) {
          const found = await b.resolve(id, { kind: "require-call", resolveDir: pulumiDir });
          if (found.errors.length > 0) throw new Error(`cannot resolve ${id} from ${pulumiDir}`);
          cases.push(`    case ${JSON.stringify(id)}: return require(${JSON.stringify(found.path)});`);
        }
        const contents = [
          `exports.SDK_MODULES = ${JSON.stringify(sdkModules)};`,
          "exports.sdkRequire = function sdkRequire(id) {",
          "  switch (id) {",
          ...cases,
          "    default: throw new Error(`sdkRequire: ${id} is not one of SDK_MODULES`);",
          "  }",
          "};",
        ].join("\n");
        return { contents, loader: "js" };
      });
    },
  };
}

/** The list of provider/sdk-require.ts, read from the compiled module beside `entry`'s tree. */
function sdkModulesOf(entry: string): readonly string[] {
  const compiled = path.join(path.dirname(entry), "..", "sdk-require.js");
  return (require(compiled) as { SDK_MODULES: readonly string[] }).SDK_MODULES;
}

/** Bundles `entry` (the compiled dist/provider/native/main.js) into `outfile`; returns warnings. */
export async function bundleProvider(entry: string, outfile: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    // Names stay: the SDK and the provider name errors and resources after classes and functions.
    keepNames: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "silent",
    plugins: [sdkModulesInPlace(sdkModulesOf(entry))],
  });
  return result.warnings.map((w) => `${w.location?.file ?? ""}:${w.location?.line ?? ""}: ${w.text}`);
}
