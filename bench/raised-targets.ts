/**
 * Issue 26 item 8: raised targets, reported beside the old ones (which stay). They take out the part
 * of a wall time no schedule can remove, the engine's own overhead (the same run's D = 0 `up`s):
 *
 * - P1: (wall − overhead) ≤ 1.05 × floor at D = 15 s and ≤ 1.10 × floor at D = 60 s, with at most
 *   20 GETs per wait at D = 60 s;
 * - P3: wall ≤ 1.05 × (critical path + overhead), the overhead being the same mesh's `up` at D = 0 with
 *   no rate limit in the same run, just before and just after the measured one (25 resources cost the
 *   engine more than P1's 4).
 */
import { mean, n, round, yes } from "./markdown";
import type { MeshRun, ReadyRun, SuiteResults } from "./results";

/** P1: D (s) → the most (wall − overhead) may be, as a multiple of the floor. */
export const RAISED_P1_FACTORS: Record<number, number> = { 15: 1.05, 60: 1.1 };
/** P1: the most GETs per wait at D = 60 s. */
export const RAISED_P1_MAX_GETS_PER_WAIT = { delaySeconds: 60, gets: 20 };
export const RAISED_P3_FACTOR = 1.05;

/** The mean wall of the same run's D = 0 `up`s (ours), or undefined when the run made none. */
export function engineOverheadSeconds(results: SuiteResults): number | undefined {
  return mean(
    results.ready.filter((r) => r.schedule === "ours" && r.delaySeconds === 0).map((r) => r.wallSeconds),
  );
}

export interface RaisedCheck {
  /** What is compared (seconds), e.g. wall − overhead. */
  measuredSeconds: number;
  limitSeconds: number;
  met: boolean;
  /** Why it is missed beyond the time, if so (too many GETs). */
  note?: string;
}

/** P1's raised target of one of our runs, or undefined where none applies (other D, no overhead runs). */
export function raisedP1(results: SuiteResults, r: ReadyRun): RaisedCheck | undefined {
  const factor = RAISED_P1_FACTORS[r.delaySeconds];
  const overhead = engineOverheadSeconds(results);
  if (r.schedule !== "ours" || factor === undefined || overhead === undefined) return undefined;
  const measuredSeconds = round(r.wallSeconds - overhead);
  const limitSeconds = round(factor * r.floorSeconds);
  const getsCapped = r.delaySeconds === RAISED_P1_MAX_GETS_PER_WAIT.delaySeconds;
  const tooManyGets = getsCapped && r.getsPerWait > RAISED_P1_MAX_GETS_PER_WAIT.gets;
  const met = !r.error && r.failedResources === 0 && measuredSeconds <= limitSeconds && !tooManyGets;
  const note = tooManyGets
    ? `${n(r.getsPerWait)} GETs per wait > ${RAISED_P1_MAX_GETS_PER_WAIT.gets}`
    : undefined;
  return { measuredSeconds, limitSeconds, met, note };
}

/** P3's raised target of one variant, or undefined when the run made no D = 0 `up` of the mesh. */
export function raisedP3(m: MeshRun): RaisedCheck | undefined {
  const overhead = m.overheadSeconds;
  if (overhead === undefined) return undefined;
  const limitSeconds = round(RAISED_P3_FACTOR * (m.bounds.combinedSeconds + overhead));
  const met = !m.error && m.failedResources === 0 && m.wallSeconds <= limitSeconds;
  return { measuredSeconds: m.wallSeconds, limitSeconds, met };
}

/** A table cell: "29.8 ≤ 31.5 s yes" style, or "—". */
export function raisedCell(check: RaisedCheck | undefined): string {
  if (!check) return "—";
  const sign = check.measuredSeconds <= check.limitSeconds ? "≤" : ">";
  const note = check.note ? `, ${check.note}` : "";
  return `${n(check.measuredSeconds, 1)} ${sign} ${n(check.limitSeconds, 1)} s${note}: ${yes(check.met)}`;
}

export function p1RaisedSummaryRow(results: SuiteResults): string[] {
  const runs = results.ready
    .map((r) => ({ r, check: raisedP1(results, r) }))
    .filter((x): x is { r: ReadyRun; check: RaisedCheck } => x.check !== undefined);
  return [
    "P1 time to READY (ours), raised",
    "wall − engine overhead ≤ 1.05 × floor at D = 15 s, ≤ 1.10 × floor and ≤ 20 GETs per wait at D = 60 s",
    runs.length > 0
      ? runs.map(({ r, check }) => `D=${r.delaySeconds}: ${raisedCell(check)}`).join("; ")
      : "not run",
    yes(runs.length > 0 ? runs.every(({ check }) => check.met) : undefined),
  ];
}

export function p3RaisedSummaryRows(results: SuiteResults): string[][] {
  return results.mesh.map((m) => {
    const check = raisedP3(m);
    return [
      `P3 mesh of ${m.networks}, ${m.label}, raised`,
      "0 failed, wall ≤ 1.05 × (critical path + engine overhead of the mesh)",
      check ? raisedCell(check) : "no D = 0 run of the mesh in this run",
      yes(check?.met),
    ];
  });
}
