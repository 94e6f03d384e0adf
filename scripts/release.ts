/**
 * The release, one command (run by .github/workflows/release.yml on a pushed tag v*):
 *
 *   npx tsx scripts/release.ts [--dry-run] [--tag v<version>] [--out dist/release]
 *
 * 1. the version check: the tag names the version of package.json, emulator/package.json,
 *    provider/version.ts and sdk/schema.json, and CHANGELOG.md has its section;
 * 2. the plugin of every platform (scripts/build-plugin.ts) and the SDK packages (npm pack of the
 *    library and the emulator; Python and .NET where their tools are installed), with checksums.txt;
 * 3. the checks of the release folder: every platform's asset holds its executable, every checksum
 *    verifies, the packages are there; darwin binaries are signed (on macOS);
 * 4. the uploads: the GitHub release with its assets, npm, PyPI, NuGet, the Go SDK's tag.
 *
 * --dry-run does all but step 4 (it prints the commands instead) and reports every problem it finds
 * at the end rather than stopping at the first. Needs `npm run build` first. The tag defaults to
 * $GITHUB_REF_NAME (set by the workflow), else v<package.json version>.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildPlugin } from "./build-plugin";
import { writeChecksums } from "./release/checksums";
import { buildPackages } from "./release/packages";
import { publish, publishCommands, releaseNotes, type PublishPlan } from "./release/publish";
import { releaseProblems } from "./release/verify";
import { readVersionSources, tagVersion, versionProblems } from "./release/versions";

const repo = path.resolve(__dirname, "..");
const log = (line: string) => console.error(`release: ${line}`);

interface ReleaseOptions {
  dryRun: boolean;
  tag: string;
  out: string;
}

function parseArgs(argv: string[]): ReleaseOptions {
  const version = (
    JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string }
  ).version;
  const ref = process.env.GITHUB_REF_NAME;
  const options: ReleaseOptions = {
    dryRun: false,
    tag: ref?.startsWith("v") ? ref : `v${version}`,
    out: path.join(repo, "dist/release"),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dry-run") options.dryRun = true;
    else if ((arg === "--tag" || arg === "--out") && argv[i + 1] !== undefined) {
      if (arg === "--tag") options.tag = argv[++i];
      else options.out = path.resolve(argv[++i]);
    } else throw new Error(`unknown argument '${arg}': use --dry-run, --tag v<version>, --out <folder>`);
  }
  return options;
}

/** The Go SDK's tag: Go finds a module in a sub-folder of a repository by `<folder>/v<version>`. */
function goTag(version: string): string {
  const goRoot = path.join(repo, "sdk/go");
  const module = fs.readdirSync(goRoot).find((d) => fs.existsSync(path.join(goRoot, d, "go.mod")));
  const folder = module ? `sdk/go/${module}` : "sdk/go";
  return `${folder}/v${version}`;
}

export async function release(options: ReleaseOptions): Promise<string[]> {
  const problems = versionProblems(readVersionSources(repo, options.tag));
  if (problems.length > 0 && !options.dryRun) return problems;
  const version = tagVersion(options.tag) ?? "0.0.0";

  fs.rmSync(options.out, { recursive: true, force: true });
  fs.mkdirSync(options.out, { recursive: true });
  log(`building the plugin for every platform into ${options.out}`);
  const plugin = await buildPlugin({ out: options.out, log });
  const packages = await buildPackages(repo, options.out, log);
  const assets = [...plugin.assets.map((a) => a.asset), ...packages.npm];
  writeChecksums(options.out, [...assets, ...packages.python, ...packages.dotnet]);

  problems.push(...releaseProblems(options.out, plugin.version, packages.npm));
  if (plugin.version !== version)
    problems.push(`the plugin was built as ${plugin.version}, the tag is ${options.tag}`);
  const unsigned = plugin.assets.filter((a) => a.signed === false).map((a) => a.asset);
  if (unsigned.length > 0) {
    const why = `not signed (macOS codesign is needed): ${unsigned.join(", ")}; the release workflow runs on macOS`;
    if (options.dryRun) log(`note: ${why}`);
    else problems.push(why);
  }

  const plan: PublishPlan = {
    repo,
    dir: options.out,
    tag: options.tag,
    version,
    assets: [...assets, "checksums.txt"],
    packages,
    goTag: goTag(version),
    notes: releaseNotes(fs.readFileSync(path.join(repo, "CHANGELOG.md"), "utf8"), version),
  };
  if (options.dryRun) {
    fs.writeFileSync(path.join(options.out, "release-notes.md"), plan.notes);
    log("dry run: the uploads a release would make:");
    for (const { command, args } of publishCommands(plan)) log(`  ${command} ${args.join(" ")}`);
  } else if (problems.length === 0) {
    publish(plan, log);
  }
  return problems;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => release(parseArgs(process.argv.slice(2))))
    .then(
      (problems) => {
        for (const problem of problems) log(`problem: ${problem}`);
        if (problems.length > 0) process.exit(1);
        log("done");
      },
      (err: unknown) => {
        log(err instanceof Error ? (err.stack ?? err.message) : String(err));
        process.exit(1);
      },
    );
}
