/**
 * The benchmarks (P1 time to READY, P2 API calls per lifecycle, P3 mesh under a rate limit, P4 state
 * size, the emulator's throughput) through the real Pulumi engine against the emulator.
 *
 *   npm run bench                  full sizes (under 10 minutes): writes bench/RESULTS.md and bench/time-to-ready.svg
 *   npx tsx bench/run.ts --quick   tiny sizes (seconds of waiting); writes to bench/.work/ unless --out is given
 *   --out <dir>                    where RESULTS.md, time-to-ready.svg and results.json go
 *   --only p1 | p3 | p5            only the raised P1 runs (ours at D = 0, 15 and 60 s), the mesh benchmark (P3) or many stacks at once (P5): prints its rows, writes results.json to --out (default bench/.work/)
 *   BENCH_EMULATOR_LOG=1           the emulator logs every request (JSON lines, on stderr): for timelines of a run
 *   --render <results.json>        only re-render RESULTS.md and the chart from saved results (bench/.work/results.json)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderChart } from "./chart";
import { p1RaisedSummaryRow } from "./raised-targets";
import { renderResults } from "./report";
import { FULL_SIZES, QUICK_SIZES } from "./sizes";
import type { SuiteResults } from "./results";
import { Only, runSuite } from "./suite";

export interface BenchOutput {
  results: SuiteResults;
  markdown: string;
  svg: string;
  files: string[];
}

/** Runs the suite and writes its three files into `outDir`. */
export async function runBench(options: { quick: boolean; outDir: string; log?: (line: string) => void }) {
  const results = await runSuite(options.quick ? QUICK_SIZES : FULL_SIZES, { log: options.log });
  const markdown = renderResults(results);
  const svg = renderChart(results);
  fs.mkdirSync(options.outDir, { recursive: true });
  const files: [string, string][] = [
    [path.join(options.outDir, "RESULTS.md"), markdown],
    [path.join(options.outDir, "time-to-ready.svg"), svg],
  ];
  // The raw numbers go beside the report only for scratch runs (bench/.work/ is git-ignored).
  const jsonDir = options.quick ? options.outDir : path.join(__dirname, ".work");
  fs.mkdirSync(jsonDir, { recursive: true });
  files.push([path.join(jsonDir, "results.json"), JSON.stringify(results, null, 2) + "\n"]);
  for (const [file, text] of files) fs.writeFileSync(file, text);
  return { results, markdown, svg, files: files.map(([file]) => file) } satisfies BenchOutput;
}

/** P1's raised runs, P3 or P5 alone; the raw numbers go to `outDir`/results.json (RESULTS.md needs the whole suite). */
async function runOnly(only: Only, quick: boolean, outDir: string): Promise<string> {
  const results = await runSuite(quick ? QUICK_SIZES : FULL_SIZES, { only });
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, "results.json");
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  if (only === "p1") console.log(p1RaisedSummaryRow(results).join(" | "));
  return file;
}

/** Re-renders RESULTS.md and the chart from a saved results.json (after editing bench/analysis.md). */
function render(resultsFile: string, outDir: string): string[] {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as SuiteResults;
  const files: [string, string][] = [
    [path.join(outDir, "RESULTS.md"), renderResults(results)],
    [path.join(outDir, "time-to-ready.svg"), renderChart(results)],
  ];
  for (const [file, text] of files) fs.writeFileSync(file, text);
  return files.map(([file]) => file);
}

async function main(argv: string[]): Promise<void> {
  const renderIndex = argv.indexOf("--render");
  if (renderIndex >= 0) {
    const outIndex = argv.indexOf("--out");
    const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : __dirname;
    console.log(`wrote ${render(path.resolve(argv[renderIndex + 1]), outDir).join(", ")}`);
    return;
  }
  const quick = argv.includes("--quick");
  const outIndex = argv.indexOf("--out");
  const onlyIndex = argv.indexOf("--only");
  if (onlyIndex >= 0) {
    const only = argv[onlyIndex + 1];
    if (only !== "p1" && only !== "p3" && only !== "p5")
      throw new Error(`--only takes p1, p3 or p5 (the benchmarks that run alone), got '${only}'`);
    const outDir = path.resolve(outIndex >= 0 ? argv[outIndex + 1] : path.join(__dirname, ".work"));
    console.log(`wrote ${await runOnly(only, quick, outDir)}`);
    return;
  }
  const outDir =
    outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.join(__dirname, quick ? ".work" : ".");
  const { files, markdown } = await runBench({ quick, outDir });
  console.log(`\n${markdown}`);
  console.log(`wrote ${files.join(", ")}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
