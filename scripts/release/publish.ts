import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { BuiltPackages } from "./packages";

// The uploads of a release, the one step a dry run leaves out: the GitHub release with its assets,
// npm, PyPI and NuGet, and the Go SDK's tag. Credentials come from the environment the tools read
// (GH_TOKEN, NODE_AUTH_TOKEN, TWINE_USERNAME/TWINE_PASSWORD, NUGET_API_KEY), never from arguments
// that a log would show.

export interface PublishPlan {
  repo: string;
  dir: string;
  tag: string;
  version: string;
  /** Plugin tarballs and checksums.txt: the GitHub release's assets. */
  assets: string[];
  packages: BuiltPackages;
  /** The Go SDK's tag, `<module folder>/v<version>`. */
  goTag: string;
  notes: string;
}

/** The commands a release runs, in order (printed by a dry run). */
export function publishCommands(plan: PublishPlan): { command: string; args: string[] }[] {
  const inDir = (files: readonly string[]) => files.map((f) => path.join(plan.dir, f));
  const notes = path.join(plan.dir, "release-notes.md");
  return [
    {
      command: "gh",
      args: [
        "release",
        "create",
        plan.tag,
        "--verify-tag",
        "--title",
        plan.tag,
        "--notes-file",
        notes,
        ...inDir(plan.assets),
      ],
    },
    ...plan.packages.npm.map((pkg) => ({
      command: "npm",
      args: ["publish", path.join(plan.dir, pkg), "--access", "public", "--provenance"],
    })),
    ...(plan.packages.python.length > 0
      ? [{ command: "python3", args: ["-m", "twine", "upload", ...inDir(plan.packages.python)] }]
      : []),
    ...plan.packages.dotnet.map((pkg) => ({
      command: "dotnet",
      args: [
        "nuget",
        "push",
        path.join(plan.dir, pkg),
        "--source",
        "https://api.nuget.org/v3/index.json",
        "--api-key",
        "$NUGET_API_KEY",
      ],
    })),
    { command: "git", args: ["tag", plan.goTag, plan.tag] },
    { command: "git", args: ["push", "origin", plan.goTag] },
  ];
}

export function publish(plan: PublishPlan, log: (line: string) => void): void {
  fs.writeFileSync(path.join(plan.dir, "release-notes.md"), plan.notes);
  for (const { command, args } of publishCommands(plan)) {
    log(`$ ${command} ${args.join(" ")}`);
    // The NuGet key stays an environment variable: expanded here, never printed.
    const expanded = args.map((a) => (a === "$NUGET_API_KEY" ? (process.env.NUGET_API_KEY ?? "") : a));
    execFileSync(command, expanded, { cwd: plan.repo, stdio: "inherit" });
  }
}

/** The changelog's section of `version`: the release notes. */
export function releaseNotes(changelog: string, version: string): string {
  const lines = changelog.split("\n");
  const start = lines.findIndex((l) =>
    new RegExp(`^## \\[?${version.replace(/\./g, "\\.")}\\]?(\\s|$)`).test(l),
  );
  if (start < 0) return `Release ${version}.\n`;
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return (
    lines
      .slice(start + 1, end < 0 ? undefined : end)
      .join("\n")
      .trim() + "\n"
  );
}
