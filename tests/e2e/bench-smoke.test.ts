/**
 * The benchmark code at tiny sizes (bench/run.ts --quick: D = 0.2 s, a 3-network mesh) through the
 * real engine against the emulator: it completes, nothing fails, and the results, RESULTS.md and the
 * SVG chart are well formed. No timing assertions: the machines are too noisy for them.
 * Needs `npm run build` first (the serialized providers load the built package).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runBench, type BenchOutput } from "../../bench/run";

// The quick suite runs every benchmark, P5 included (its stacks are separate CLI processes): minutes on a loaded 2-core machine.
jest.setTimeout(480_000);

let output: BenchOutput;
let outDir: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-smoke-"));
  output = await runBench({ quick: true, outDir, log: () => undefined });
});
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

/** Every tag opened is closed, in order; the document is one <svg> element. */
function checkXml(text: string): void {
  const body = text.replace(/<\?xml[^>]*\?>/, "").trim();
  const stack: string[] = [];
  let roots = 0;
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (closing) {
      expect(stack.pop()).toBe(name);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(body.startsWith("<svg")).toBe(true);
  expect(body.endsWith("</svg>")).toBe(true);
  // No stray markup characters in text content.
  expect(body.replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, "")).not.toMatch(/[<>]/);
}

test("every benchmark runs to the end with no failed resource", () => {
  const { results } = output;
  expect(results.ready.length).toBeGreaterThanOrEqual(3);
  for (const run of results.ready) {
    expect(run.error).toBeUndefined();
    expect(run.failedResources).toBe(0);
    expect(run.wallSeconds).toBeGreaterThan(0);
  }
  expect(new Set(results.ready.map((r) => r.schedule))).toEqual(new Set(["ours", "terraform"]));
  expect(results.mesh).toHaveLength(1);
  expect(results.mesh[0]).toMatchObject({ networks: 3, services: 3, endpoints: 6, failedResources: 0 });
  expect(results.mesh[0].error).toBeUndefined();
  expect(results.throughput?.requestsPerSecond).toBeGreaterThan(0);
});

test("the lifecycle counts every operation, and the no-write targets hold", () => {
  const rows = Object.fromEntries(output.results.lifecycle.map((r) => [r.operation, r]));
  expect(Object.keys(rows)).toEqual([
    "preview (empty stack)",
    "up (from empty)",
    "up (no change)",
    "refresh",
    "destroy",
  ]);
  expect(rows["preview (empty stack)"].writes).toBe(0);
  expect(rows["up (from empty)"].writes).toBe(4);
  expect(rows["up (no change)"].writes).toBe(0);
  expect(rows["refresh"]).toMatchObject({ writes: 0, reads: 4 });
  expect(rows["destroy"].writes).toBe(4);
  for (const row of output.results.lifecycle) expect(row.total).toBe(row.reads + row.writes);
});

test("state size and bounds are well formed", () => {
  const state = output.results.state!;
  expect(state.dynamicResources).toBe(4);
  expect(state.exportBytes).toBeGreaterThan(state.largestDynamicResourceBytes);
  expect(state.serializedProviderBytes).toBeGreaterThan(0);
  const { bounds } = output.results.mesh[0];
  expect(bounds.combinedSeconds).toBeGreaterThanOrEqual(bounds.simpleSeconds);
  expect(bounds.simpleSeconds).toBeGreaterThanOrEqual(bounds.provisioningSeconds);
});

test("RESULTS.md, the chart and results.json are written and well formed", () => {
  for (const file of output.files) expect(fs.existsSync(file)).toBe(true);
  const markdown = fs.readFileSync(path.join(outDir, "RESULTS.md"), "utf8");
  for (const heading of [
    "## Summary",
    "## P1: time to READY",
    "## P2: API calls",
    "## P3: scale",
    "## P4: state size",
  ]) {
    expect(markdown).toContain(heading);
  }
  expect(markdown).not.toMatch(/undefined|NaN/);
  const svg = fs.readFileSync(path.join(outDir, "time-to-ready.svg"), "utf8");
  checkXml(svg);
  expect(svg).toContain("ours");
  expect((svg.match(/<circle /g) ?? []).length).toBe(
    new Set(output.results.ready.map((r) => `${r.schedule}:${r.delaySeconds}`)).size,
  );
  const json = JSON.parse(fs.readFileSync(path.join(outDir, "results.json"), "utf8"));
  expect(json.ready).toHaveLength(output.results.ready.length);
});
