/**
 * P2, API calls per lifecycle: the emulator's request counters around each operation of the P1 stack
 * at the lifecycle D (preview of the empty stack, up, a no-change up, refresh, destroy). The P4 export
 * is taken between refresh and destroy.
 */
import type { CounterSnapshot } from "confluent-network-link-emulator";
import type { TestStack } from "../harness/stack";
import { n, routes, table, yes } from "./markdown";
import { measureState } from "./p4-state-size";
import type { LifecycleRow, SuiteResults, SuiteRun } from "./results";

function lifecycleRow(
  operation: string,
  counters: CounterSnapshot,
  target?: string,
  expectedGets?: number,
): LifecycleRow {
  const row: LifecycleRow = { operation, ...counters, target };
  if (target === "0 writes") row.targetMet = counters.writes === 0;
  if (expectedGets !== undefined) row.targetMet = counters.writes === 0 && counters.reads === expectedGets;
  return row;
}

/** The empty stack's preview; a failed preview is recorded (with its requests) rather than ending the run. */
export async function measurePreview(run: SuiteRun, stack: TestStack): Promise<void> {
  const { emulator } = run;
  let previewError: string | undefined;
  const preview = await emulator.counted(() =>
    stack.preview().catch((err: unknown) => {
      previewError = emulator.failure(err);
    }),
  );
  const row = lifecycleRow("preview (empty stack)", preview.counters, "0 writes");
  if (previewError) {
    row.error = previewError;
    row.targetMet = false;
    run.log(`P2 preview failed: ${previewError}`);
  }
  run.results.lifecycle.push(row);
  emulator.clearOutput();
}

/** After the lifecycle run's `up`: no-change up, refresh, P4's export, destroy. */
export async function lifecycleRest(run: SuiteRun, stack: TestStack): Promise<void> {
  const { emulator, results } = run;
  const up = results.ready[results.ready.length - 1];
  results.lifecycle.push(lifecycleRow("up (from empty)", up.requests));
  const noChange = await emulator.counted(() => stack.up());
  results.lifecycle.push(lifecycleRow("up (no change)", noChange.counters, "0 writes"));
  const refresh = await emulator.counted(() => stack.refresh());
  results.lifecycle.push(lifecycleRow("refresh", refresh.counters, "1 GET per resource (4)", 4));
  measureState(run, stack);
  const destroy = await emulator.counted(() => stack.destroy());
  results.lifecycle.push(lifecycleRow("destroy", destroy.counters));
  for (const row of results.lifecycle)
    run.log(`P2 ${row.operation}: ${row.total} requests (${row.writes} writes)`);
}

export function p2SummaryRows(results: SuiteResults): string[][] {
  return results.lifecycle
    .filter((r) => r.targetMet !== undefined)
    .map((r) => [
      `P2 ${r.operation}`,
      r.target ?? "",
      `${r.reads} GET, ${r.writes} writes`,
      yes(r.targetMet),
    ]);
}

/** GETs per wait against D, from every P1 run. */
function getsPerWait(results: SuiteResults): string {
  return table(
    ["D (s)", "Schedule", "GETs", "Preflight GETs", "GETs per wait", "Predicted"],
    [...results.ready]
      .sort((a, b) => a.schedule.localeCompare(b.schedule) || a.delaySeconds - b.delaySeconds)
      .map((r) => [
        n(r.delaySeconds),
        r.schedule,
        r.idGets,
        r.preflightGets,
        n(r.getsPerWait),
        r.predictedGetsPerWait,
      ]),
  );
}

export function renderP2(results: SuiteResults): string[] {
  return [
    "## P2: API calls per lifecycle",
    "",
    `The emulator's request counters (reset before each operation) around the lifecycle of the P1 stack at D = ${results.sizes.lifecycleDelay} s ` +
      "(our schedule). 4 resources: 2 services, 2 endpoints.",
    "",
    table(
      ["Operation", "Requests", "GET", "Writes", "By route", "Target", "Target"],
      results.lifecycle.map((r: LifecycleRow) => [
        r.operation + (r.error ? ` (failed: ${r.error})` : ""),
        r.total,
        r.reads,
        r.writes,
        routes(r.byRoute),
        r.target ?? "–",
        yes(r.targetMet),
      ]),
    ),
    "",
    "GETs per wait as a function of D, from every P1 `up`: every GET (a wait polls through a list call shared by the " +
      "waits of one environment, or a GET by ID), minus the endpoints' one read " +
      "of their service before the POST (2), divided by the 4 waits. The prediction replays the schedule (`nextDelay` of " +
      "provider/wait.ts) until it passes D; the create response is judged first, so D = 0 costs no GET.",
    "",
    getsPerWait(results),
    "",
  ];
}
