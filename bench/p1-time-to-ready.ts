/**
 * P1, time to READY: `pulumi up` of examples/bidirectional (2 services, then 2 endpoints) from an
 * empty stack, the emulator provisioning each object in D seconds, our poll schedule beside the
 * Terraform provider's. The runs of each D alternate which schedule goes first, so that drift in the
 * machine's load hits both; D = 0 (no wait at all) measures the engine's own overhead.
 */
import type { TestStack } from "../harness/stack";
import { predictedPolls, provisioningFloorSeconds } from "./bounds";
import { mean, n, round, seconds, table, yes } from "./markdown";
import { lifecycleRest, measurePreview } from "./p2-lifecycle";
import { raisedCell, raisedP1 } from "./raised-targets";
import type { PollConfig, ScheduleName } from "./sizes";
import type { ReadyRun, SuiteResults, SuiteRun } from "./results";
import bidirectional = require("../examples/bidirectional");

const SERVICE_ROUTES = [
  "GET /networking/v1/network-link-services/:id",
  "GET /networking/v1/network-link-services",
];
const ENDPOINT_ROUTES = [
  "GET /networking/v1/network-link-endpoints/:id",
  "GET /networking/v1/network-link-endpoints",
];

function sumGets(byRoute: Record<string, number>, routes: string[]): number {
  return routes.reduce((sum, route) => sum + (byRoute[route] ?? 0), 0);
}

function scheduleOf(poll: PollConfig) {
  return {
    initialDelayMs: poll.initialDelayMs,
    ...(poll.maxDelayMs !== undefined ? { maxDelayMs: poll.maxDelayMs } : {}),
    ...(poll.fixedIntervalMs !== undefined ? { fixedIntervalMs: poll.fixedIntervalMs } : {}),
  };
}

/** One timed `up` of the stack, its requests counted. */
async function timedUp(
  run: SuiteRun,
  stack: TestStack,
  schedule: ScheduleName,
  delaySeconds: number,
  poll: PollConfig,
): Promise<ReadyRun> {
  const { emulator } = run;
  await emulator.admin.resetCounters();
  const t0 = performance.now();
  let error: string | undefined;
  try {
    await stack.up();
  } catch (err) {
    error = emulator.failure(err);
  }
  const wallSeconds = seconds(t0);
  const requests = await emulator.admin.counters();
  const failedResources = 4 - (await emulator.readyCount());
  const floorSeconds = provisioningFloorSeconds(delaySeconds, delaySeconds);
  // Polls go through list calls shared by the waits of one environment, or a GET by ID: count both.
  const gets = sumGets(requests.byRoute, SERVICE_ROUTES) + sumGets(requests.byRoute, ENDPOINT_ROUTES);
  const preflightGets = 2;
  const ready: ReadyRun = {
    schedule,
    delaySeconds,
    wallSeconds: round(wallSeconds),
    floorSeconds,
    ratio: floorSeconds > 0 ? round(wallSeconds / floorSeconds) : undefined,
    idGets: gets,
    preflightGets,
    getsPerWait: round((gets - preflightGets) / 4),
    predictedGetsPerWait: predictedPolls(delaySeconds, scheduleOf(poll)).gets,
    failedResources,
    requests,
    error,
  };
  if (schedule === "ours") {
    ready.targetSeconds = round(1.1 * floorSeconds + 5);
    ready.targetMet = !error && failedResources === 0 && wallSeconds <= ready.targetSeconds;
  }
  return ready;
}

/** One P1 run at D (and, for the lifecycle run, P2 and P4 around it). */
export async function timeToReady(
  run: SuiteRun,
  schedule: ScheduleName,
  delaySeconds: number,
  lifecycle = false,
): Promise<void> {
  const { sizes, emulator } = run;
  const poll = schedule === "ours" ? sizes.ourPoll : sizes.baselinePoll;
  await emulator.fresh(delaySeconds);
  const stack = await emulator.newStack(bidirectional, poll);
  emulator.clearOutput();
  try {
    if (lifecycle) await measurePreview(run, stack);
    const ready = await timedUp(run, stack, schedule, delaySeconds, poll);
    run.results.ready.push(ready);
    run.log(
      `P1 ${schedule} D=${delaySeconds}s: up ${ready.wallSeconds}s (floor ${ready.floorSeconds}s, ratio ${ready.ratio ?? "-"}), ` +
        `${ready.getsPerWait} GETs/wait, ${ready.failedResources} failed${ready.error ? `: ${ready.error}` : ""}`,
    );
    if (lifecycle && !ready.error) await lifecycleRest(run, stack);
  } finally {
    await stack.dispose();
  }
}

/**
 * Every P1 run, interleaved: D = 0 first (and last), then for each D ours and the baseline,
 * alternating which goes first so drift in the machine's load hits both; `after(D)` runs after the
 * dynamic runs of each D (the native provider's `up` of the same topology).
 */
export async function timeToReadyRuns(run: SuiteRun, after: (d: number) => Promise<void>): Promise<void> {
  const { sizes } = run;
  const delays = [...new Set([...sizes.oursDelays, ...sizes.baselineDelays])];
  const order = [
    ...delays.filter((d) => d === sizes.lifecycleDelay),
    ...delays.filter((d) => d !== sizes.lifecycleDelay),
  ];
  await timeToReady(run, "ours", 0);
  let oursFirst = true;
  for (const d of order) {
    const runs: [ScheduleName, boolean][] = [];
    if (sizes.oursDelays.includes(d)) runs.push(["ours", d === sizes.lifecycleDelay]);
    if (sizes.baselineDelays.includes(d)) runs.push(["terraform", false]);
    if (!oursFirst) runs.reverse();
    for (const [schedule, lifecycle] of runs) await timeToReady(run, schedule, d, lifecycle);
    await after(d);
    oursFirst = !oursFirst;
  }
  if (sizes.engineOverheadRuns > 1) await timeToReady(run, "ours", 0);
}

const ours = (results: SuiteResults) =>
  results.ready.filter((r) => r.schedule === "ours" && r.delaySeconds > 0);

/** The D = 0 runs: the engine's overhead, with no waiting at all. */
export const overheadRuns = (results: SuiteResults): ReadyRun[] =>
  results.ready.filter((r) => r.schedule === "ours" && r.delaySeconds === 0);

export function p1SummaryRow(results: SuiteResults): string[] {
  const runs = ours(results);
  return [
    "P1 time to READY (ours)",
    "wall ≤ 1.10 × floor + 5 s, each D",
    runs.map((r) => `D=${r.delaySeconds}: ${n(r.wallSeconds, 1)} s ≤ ${n(r.targetSeconds, 1)} s`).join("; "),
    yes(runs.length > 0 ? runs.every((r) => r.targetMet) : undefined),
  ];
}

function p1Table(results: SuiteResults): string {
  const header = [
    "D (s)",
    "Schedule",
    "Wall of up (s)",
    "Floor 2·D (s)",
    "Wall ÷ floor",
    "Target (s)",
    "Target",
    "Raised: wall − overhead vs 1.05/1.10 × floor",
    "GETs per wait (predicted)",
    "Failed",
  ];
  const rows = [...results.ready]
    .sort((a, b) => a.delaySeconds - b.delaySeconds || a.schedule.localeCompare(b.schedule))
    .map((r: ReadyRun) => [
      n(r.delaySeconds),
      r.schedule,
      n(r.wallSeconds),
      n(r.floorSeconds),
      n(r.ratio),
      n(r.targetSeconds),
      yes(r.targetMet),
      raisedCell(raisedP1(results, r)),
      `${n(r.getsPerWait)} (${r.predictedGetsPerWait})`,
      r.error ? `${r.failedResources}: ${r.error}` : r.failedResources,
    ]);
  return table(header, rows);
}

/** Ours beside the baseline at each D of the same run. */
function sideBySide(results: SuiteResults): string[] {
  const baseline = results.ready.filter((r) => r.schedule === "terraform");
  const pairs = [...new Set(baseline.map((r) => r.delaySeconds))]
    .map((d) => {
      const o = mean(
        ours(results)
          .filter((r) => r.delaySeconds === d)
          .map((r) => r.wallSeconds),
      );
      const b = mean(baseline.filter((r) => r.delaySeconds === d).map((r) => r.wallSeconds));
      return o === undefined || b === undefined ? undefined : [n(d), n(o), n(b), n(b / o)];
    })
    .filter((row) => row !== undefined);
  if (pairs.length === 0) return [];
  return [
    "Side by side (same run):",
    "",
    table(["D (s)", "Ours (s)", "Baseline (s)", "Baseline ÷ ours"], pairs),
    "",
  ];
}

function overheadNote(results: SuiteResults): string[] {
  const overhead = overheadRuns(results);
  if (overhead.length === 0) return [];
  return [
    `Engine overhead: \`up\` of the same program with D = 0 (the create responses are already READY, so no poll ` +
      `is made): ${overhead.map((r) => `${n(r.wallSeconds)} s`).join(", ")} (mean ${n(mean(overhead.map((r) => r.wallSeconds)))} s). ` +
      "That is the engine, the program and the provider processes, with no waiting at all: the part of every P1 wall time " +
      "that no poll schedule can remove.",
    "",
  ];
}

export function renderP1(results: SuiteResults): string[] {
  const { sizes } = results;
  return [
    "## P1: time to READY",
    "",
    "`pulumi up` of `examples/bidirectional` (BidirectionalNetworkLink: 2 services, then 2 endpoints) from an empty stack, " +
      "the emulator provisioning every service and endpoint in D seconds. Floor = 2·D: the endpoints can only be created " +
      "once their services are READY. Each run is a fresh stack; the schedules alternate per D so that load drift hits both. " +
      `Ours: first poll after ${sizes.ourPoll.initialDelayMs} ms, then every max(${sizes.ourPoll.initialDelayMs} ms, 15 % of the ` +
      `time waited), capped at ${sizes.ourPoll.maxDelayMs} ms (an endpoint's waits: half those gaps; once a create of a kind ` +
      "has become READY, later waits of the kind poll around that time; waits side by side poll in phases by environment, " +
      `and look again when one of them has settled). Baseline: ${sizes.baselineLabel}, set through ` +
      "`confluentNetworkLink:pollInitialDelayMs` / `pollIntervalMs`.",
    "",
    p1Table(results),
    "",
    ...sideBySide(results),
    ...overheadNote(results),
    "![time to READY against D](time-to-ready.svg)",
    "",
  ];
}
