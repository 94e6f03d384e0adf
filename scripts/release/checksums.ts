import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

// checksums.txt of a release: `<sha256>  <file name>` per asset, as `sha256sum -c` reads it.

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export function writeChecksums(dir: string, files: readonly string[]): string {
  const out = path.join(dir, "checksums.txt");
  const lines = [...files].sort().map((file) => `${sha256(path.join(dir, file))}  ${file}\n`);
  fs.writeFileSync(out, lines.join(""));
  return out;
}

/** Each line's file against its hash: the problems, empty when all verify. */
export function checksumProblems(dir: string): string[] {
  const text = fs.readFileSync(path.join(dir, "checksums.txt"), "utf8");
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .flatMap((line) => {
      const [hash, file] = line.split(/ {2}/);
      const full = path.join(dir, file);
      if (!fs.existsSync(full)) return [`checksums.txt lists ${file}, which is missing`];
      return sha256(full) === hash ? [] : [`${file} does not match its checksum`];
    });
}
