/**
 * The `pulumi` commands of a README's shell block, so that the tests and the demo run exactly what
 * the documentation tells a user to type (and the documentation cannot drift from what is tested).
 */
import * as fs from "node:fs";

/**
 * The `pulumi …` lines of the first ```sh block of `readmePath` that contains `marker`, as argument
 * lists without the leading `pulumi`; trailing `# comments` are dropped, other lines (cd, npm) skipped.
 * The commands hold no quoted arguments, so splitting on blanks is exact.
 */
export function readmeCommands(readmePath: string, marker: string): string[][] {
  const text = fs.readFileSync(readmePath, "utf8");
  const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  const block = blocks.find((candidate) => candidate.includes(marker));
  if (block === undefined) throw new Error(`${readmePath} has no \`\`\`sh block containing '${marker}'`);
  return block
    .split("\n")
    .map((line) => line.replace(/\s#.*$/, "").trim())
    .filter((line) => line.startsWith("pulumi "))
    .map((line) => {
      if (/["'`$\\]/.test(line)) throw new Error(`${readmePath}: cannot run '${line}' without a shell`);
      return line.split(/\s+/).slice(1);
    });
}

/** Replaces every occurrence of `from` in the arguments (e.g. the documented emulator URL by a test's). */
export function substitute(commands: string[][], from: string, to: string): string[][] {
  return commands.map((args) => args.map((arg) => arg.split(from).join(to)));
}
