import * as fs from "node:fs";
import * as path from "node:path";

// The version bump check: the tag being released names the version that every place of the
// repository says, and the changelog has a section for it.

export interface VersionSources {
  tag: string;
  packageJson: string;
  emulatorPackageJson: string;
  /** provider/version.ts: the provider's and the schema's VERSION. */
  versionTs: string;
  /** sdk/schema.json, as generated. */
  schemaJson: string;
  changelog: string;
}

export function readVersionSources(repo: string, tag: string): VersionSources {
  const read = (file: string) => fs.readFileSync(path.join(repo, file), "utf8");
  return {
    tag,
    packageJson: read("package.json"),
    emulatorPackageJson: read("emulator/package.json"),
    versionTs: read("provider/version.ts"),
    schemaJson: read("sdk/schema.json"),
    changelog: read("CHANGELOG.md"),
  };
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The version the tag names (`v1.2.3` → `1.2.3`), or undefined for a tag of another shape. */
export function tagVersion(tag: string): string | undefined {
  return /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag)?.[1];
}

/** Every disagreement, each naming the file and the fix; empty when the release may go. */
export function versionProblems(sources: VersionSources): string[] {
  const version = tagVersion(sources.tag);
  if (!version)
    return [
      `tag '${sources.tag}' is not v<major>.<minor>.<patch>: tag the release as v${JSON.parse(sources.packageJson).version}`,
    ];
  const problems: string[] = [];
  const expect = (file: string, found: string | undefined, fix: string) => {
    if (found !== version)
      problems.push(`${file} says ${found ?? "no version"}, the tag ${sources.tag}: ${fix}`);
  };
  expect("package.json", JSON.parse(sources.packageJson).version, 'set its "version"');
  expect("emulator/package.json", JSON.parse(sources.emulatorPackageJson).version, 'set its "version"');
  expect(
    "provider/version.ts",
    /export const VERSION = "([^"]+)"/.exec(sources.versionTs)?.[1],
    "set VERSION",
  );
  expect("sdk/schema.json", JSON.parse(sources.schemaJson).version, "run scripts/generate-sdks.sh");
  const heading = new RegExp(`^## \\[?${escaped(version)}\\]?(\\s|$)`, "m");
  if (!heading.test(sources.changelog)) {
    problems.push(
      `CHANGELOG.md has no section for ${version}: rename "## Unreleased" to "## [${version}] - <date>"`,
    );
  }
  return problems;
}
