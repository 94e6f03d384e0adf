import * as fs from "node:fs";
import * as path from "node:path";
import { build, type Plugin } from "esbuild";

// The provider as one CommonJS file: what a Node.js single executable application runs. Inside one,
// `require` loads built-in modules only, so everything the provider loads is bundled: no package
// stays external, no source maps, no typings.

/**
 * provider/engine-log.ts takes @pulumi/pulumi's own copy of @grpc/grpc-js through
 * `createRequire(require.resolve("@pulumi/pulumi"))`, which a bundle cannot resolve at run time. The
 * bundle points that call at the very copy @pulumi/pulumi resolves, so the credentials still match
 * the generated clients' copy. A change to that code fails the build here instead of at run time.
 */
function pulumiGrpcCopy(): Plugin {
  const call =
    /\(0, node_module_1\.createRequire\)\(require\.resolve\("@pulumi\/pulumi"\)\)\("@grpc\/grpc-js"\)/;
  return {
    name: "pulumi-grpc-copy",
    setup(b) {
      b.onLoad({ filter: /[\\/]provider[\\/]engine-log\.js$/ }, async (args) => {
        const source = await fs.promises.readFile(args.path, "utf8");
        if (!call.test(source)) {
          throw new Error(
            `${args.path}: the createRequire call for @pulumi/pulumi's @grpc/grpc-js is gone; update scripts/build-plugin/bundle.ts`,
          );
        }
        const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
        const grpc = await b.resolve("@grpc/grpc-js", { kind: "require-call", resolveDir: pulumiDir });
        if (grpc.errors.length > 0) throw new Error(`cannot resolve @grpc/grpc-js from ${pulumiDir}`);
        return { contents: source.replace(call, `require(${JSON.stringify(grpc.path)})`), loader: "js" };
      });
    },
  };
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
    plugins: [pulumiGrpcCopy()],
  });
  return result.warnings.map((w) => `${w.location?.file ?? ""}:${w.location?.line ?? ""}: ${w.text}`);
}
