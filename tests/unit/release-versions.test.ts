import { tagVersion, type VersionSources, versionProblems } from "../../scripts/release/versions";

// The release's version check: each place that names the version must agree with the tag, and the
// changelog must have the version's section; each disagreement names the file and the fix.

const good: VersionSources = {
  tag: "v1.2.3",
  packageJson: JSON.stringify({ version: "1.2.3" }),
  emulatorPackageJson: JSON.stringify({ version: "1.2.3" }),
  versionTs: 'export const VERSION = "1.2.3";\n',
  schemaJson: JSON.stringify({ name: "confluentnetworklink", version: "1.2.3" }),
  changelog: "# Changelog\n\n## Unreleased\n\n## [1.2.3] - 2026-12-07\n\n- things\n",
};

describe("versionProblems", () => {
  it("finds none when everything says the tag's version", () => {
    expect(versionProblems(good)).toEqual([]);
    expect(versionProblems({ ...good, changelog: "## 1.2.3\n" })).toEqual([]);
  });

  it.each([
    [
      { packageJson: JSON.stringify({ version: "1.2.2" }) },
      'package.json says 1.2.2, the tag v1.2.3: set its "version"',
    ],
    [
      { emulatorPackageJson: JSON.stringify({ version: "0.1.0" }) },
      'emulator/package.json says 0.1.0, the tag v1.2.3: set its "version"',
    ],
    [
      { versionTs: 'export const VERSION = "1.2.4";' },
      "provider/version.ts says 1.2.4, the tag v1.2.3: set VERSION",
    ],
    [{ versionTs: "" }, "provider/version.ts says no version, the tag v1.2.3: set VERSION"],
    [
      { schemaJson: JSON.stringify({ version: "1.2.0" }) },
      "sdk/schema.json says 1.2.0, the tag v1.2.3: run scripts/generate-sdks.sh",
    ],
    [
      { changelog: "## Unreleased\n\n## 1.2.30\n" },
      'CHANGELOG.md has no section for 1.2.3: rename "## Unreleased" to "## [1.2.3] - <date>"',
    ],
    [{ tag: "1.2.3" }, "tag '1.2.3' is not v<major>.<minor>.<patch>: tag the release as v1.2.3"],
  ])("reports %j", (change, problem) => {
    expect(versionProblems({ ...good, ...change })).toEqual([problem]);
  });

  it("reads the version of a tag", () => {
    expect(tagVersion("v0.1.0")).toBe("0.1.0");
    expect(tagVersion("v1.0.0-rc.1")).toBe("1.0.0-rc.1");
    expect(tagVersion("sdk/go/v0.1.0")).toBeUndefined();
  });
});
