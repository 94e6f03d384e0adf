/**
 * The benchmarks, through the real Pulumi engine (Automation API, inline programs) against the
 * emulator. `runSuite(sizes)` measures and returns plain data; report.ts and chart.ts render it.
 * Each benchmark lives in its own file: p1-time-to-ready.ts, p2-lifecycle.ts, p3-mesh.ts,
 * p4-state-size.ts, p5-many-stacks.ts, native-suite.ts, emulator-throughput.ts.
 *
 * Noise: the machines are small and shared, so every comparison is made from runs in the same
 * process, interleaved (ours, then the baseline, then the other way round for the next D).
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { ensurePulumiCli } from "../harness/offline";
import { BenchEmulator } from "./bench-emulator";
import { runEmulatorThroughput } from "./emulator-throughput";
import { round, seconds } from "./markdown";
import { NativeBench } from "./native-suite";
import type { MachineInfo, SuiteResults, SuiteRun } from "./results";
import { timeToReadyRuns } from "./p1-time-to-ready";
import { mesh } from "./p3-mesh";
import { manyStacks } from "./p5-many-stacks";
import { RAISED_P1_FACTORS } from "./raised-targets";
import type { SuiteSizes } from "./sizes";

export { FULL_SIZES, OUR_POLL, QUICK_SIZES, TERRAFORM_POLL } from "./sizes";
export type { MeshVariant, PollConfig, ScheduleName, SuiteSizes } from "./sizes";
export type {
  LifecycleRow,
  MachineInfo,
  ManyStacksRun,
  MeshRun,
  ReadyRun,
  StateSize,
  SuiteResults,
  SuiteRun,
} from "./results";

export type Only = "p1" | "p3" | "p5";

export interface RunOptions {
  log?: (line: string) => void;
  /**
   * Only the raised P1 runs (ours at D = 0, the raised D values, D = 0 again), only P3 (the mesh
   * variants) or only P5: for measuring a change to their path without the rest.
   */
  only?: Only;
}

export async function runSuite(sizes: SuiteSizes, options: RunOptions = {}): Promise<SuiteResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const cli = await ensurePulumiCli();
  const machine = machineInfo(cli.binDir);
  log(
    `machine: ${machine.nproc} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, Pulumi ${machine.pulumi}`,
  );
  const emulator = await BenchEmulator.start(sizes.deprovisioningMs);
  const results: SuiteResults = { sizes, machine, totalSeconds: 0, ready: [], lifecycle: [], mesh: [] };
  const run: SuiteRun = { sizes, results, emulator, log, cliBinDir: cli.binDir };
  const all = options.only === undefined;
  const native =
    all && sizes.nativeDelays.length > 0 ? await NativeBench.open(sizes.deprovisioningMs) : undefined;
  if (native) results.native = native.results;
  try {
    if (all) await timeToReadyRuns(run, (d) => nativeRun(run, native, d));
    if (options.only === "p1") await timeToReadyRuns(raisedP1Only(run), async () => {});
    // P3, variants interleaved in the order given.
    if (all || options.only === "p3") for (const variant of sizes.meshVariants) await mesh(run, variant);
    if (all || options.only === "p5") await manyStacks(run);
    if (all) await lastRuns(run, native);
  } finally {
    await native?.close();
    await emulator.close();
  }
  results.totalSeconds = round(seconds(started), 1);
  return results;
}

/** The run with only our schedule at the D values of the raised P1 target (and D = 0 twice). */
function raisedP1Only(run: SuiteRun): SuiteRun {
  const raised = Object.keys(RAISED_P1_FACTORS).map(Number);
  const oursDelays = run.sizes.quick ? run.sizes.oursDelays : raised;
  return { ...run, sizes: { ...run.sizes, oursDelays, baselineDelays: [], engineOverheadRuns: 2 } };
}

/** The native provider's `up` of the P1 topology, after the dynamic runs of the same D. */
async function nativeRun(
  run: SuiteRun,
  native: NativeBench | undefined,
  delaySeconds: number,
): Promise<void> {
  if (!native || !run.sizes.nativeDelays.includes(delaySeconds)) return;
  const ready = await native.run(delaySeconds);
  run.log(`P1 native D=${delaySeconds}s: up ${ready.wallSeconds}s${ready.error ? `: ${ready.error}` : ""}`);
}

/** The emulator alone, then the native P4 line. */
async function lastRuns(run: SuiteRun, native: NativeBench | undefined): Promise<void> {
  run.results.throughput = await runEmulatorThroughput({ durationSeconds: run.sizes.throughputSeconds });
  run.log(`emulator: ${Math.round(run.results.throughput.requestsPerSecond)} GET/s`);
  if (native?.results.state) {
    const state = native.results.state;
    run.log(`P4 native: largest resource ${state.largest} bytes of the export (mean ${state.mean})`);
  }
}

function machineInfo(binDir: string): MachineInfo {
  let pulumi = "unknown";
  try {
    pulumi = execFileSync(path.join(binDir, "pulumi"), ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    }).trim();
  } catch {
    // reported as unknown
  }
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    pulumi,
    date: new Date().toISOString(),
  };
}
