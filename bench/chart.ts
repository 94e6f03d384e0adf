/**
 * bench/time-to-ready.svg: wall time of `up` against the provisioning delay D, for our poll schedule
 * and the Terraform one, with the floor (2·D) and our target (1.10 × floor + 5 s). Plain SVG, no
 * dependency.
 */
import type { ReadyRun, SuiteResults } from "./results";

const WIDTH = 720;
const HEIGHT = 440;
const MARGIN = { left: 64, right: 24, top: 48, bottom: 56 };
const COLORS = { ours: "#1f77b4", terraform: "#d62728", floor: "#555555", target: "#2ca02c" };

interface Series {
  label: string;
  color: string;
  points: [number, number][];
  dash?: string;
  markers: boolean;
}

/** 1, 2, 5 × 10^k steps giving about `count` ticks up to `max`. */
export function niceTicks(max: number, count = 6): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(6)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toFixed(6)));
  return ticks;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean wall time per D for one schedule, sorted by D. */
function seriesOf(runs: ReadyRun[], schedule: ReadyRun["schedule"]): [number, number][] {
  const byDelay = new Map<number, number[]>();
  for (const run of runs.filter((r) => r.schedule === schedule)) {
    byDelay.set(run.delaySeconds, [...(byDelay.get(run.delaySeconds) ?? []), run.wallSeconds]);
  }
  return [...byDelay.entries()].sort(([a], [b]) => a - b).map(([d, walls]) => [d, mean(walls)]);
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (value: number) => String(Number(value.toFixed(2)));

/** Our schedule, the baseline, the floor and the target, as lines over D. */
function chartSeries(results: SuiteResults, maxDelay: number): Series[] {
  const floor: [number, number][] = [
    [0, 0],
    [maxDelay, 2 * maxDelay],
  ];
  const target: [number, number][] = [
    [0, 5],
    [maxDelay, 1.1 * 2 * maxDelay + 5],
  ];
  return [
    {
      label: "ours (1 s, then +15 % of the wait, cap 10 s)",
      color: COLORS.ours,
      points: seriesOf(results.ready, "ours"),
      markers: true,
    },
    {
      label: results.sizes.baselineLabel,
      color: COLORS.terraform,
      points: seriesOf(results.ready, "terraform"),
      markers: true,
    },
    {
      label: "floor: 2·D (service, then endpoint)",
      color: COLORS.floor,
      points: floor,
      dash: "6 4",
      markers: false,
    },
    {
      label: "target for ours: 1.10 × floor + 5 s",
      color: COLORS.target,
      points: target,
      dash: "2 4",
      markers: false,
    },
  ];
}

/** The plot area: ticks, their last values, and the mapping of data to pixels. */
interface Plot {
  xTicks: number[];
  yTicks: number[];
  xMax: number;
  yMax: number;
  plotW: number;
  plotH: number;
  x: (v: number) => number;
  y: (v: number) => number;
}

function plotOf(maxDelay: number, maxWall: number): Plot {
  const xTicks = niceTicks(maxDelay, 8);
  const yTicks = niceTicks(maxWall, 7);
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number) => MARGIN.left + (v / xMax) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (v / yMax) * plotH;
  return { xTicks, yTicks, xMax, yMax, plotW, plotH, x, y };
}

/** Title, grid, ticks, axes and their labels. */
function frame({ xTicks, yTicks, xMax, yMax, plotW, plotH, x, y }: Plot): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>Time to READY of the bidirectional link against provisioning delay D</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">Time to READY (pulumi up, 2 services + 2 endpoints) vs provisioning delay D</text>`,
  ];
  for (const t of yTicks) {
    out.push(
      `<line x1="${x(0)}" y1="${fmt(y(t))}" x2="${x(xMax)}" y2="${fmt(y(t))}" stroke="#e5e5e5"/>`,
      `<text x="${x(0) - 8}" y="${fmt(y(t) + 4)}" text-anchor="end">${fmt(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    out.push(
      `<line x1="${fmt(x(t))}" y1="${y(0)}" x2="${fmt(x(t))}" y2="${y(0) + 5}" stroke="#000000"/>`,
      `<text x="${fmt(x(t))}" y="${y(0) + 20}" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  out.push(
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(xMax)}" y2="${y(0)}" stroke="#000000"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(yMax)}" stroke="#000000"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 14}" text-anchor="middle">provisioning delay D of each service and endpoint (s)</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">wall time of pulumi up (s)</text>`,
  );
  return out;
}

function lines(series: Series[], { x, y }: Plot): string[] {
  const out: string[] = [];
  for (const s of series) {
    if (s.points.length === 0) continue;
    const d = s.points.map(([px, py], i) => `${i === 0 ? "M" : "L"}${fmt(x(px))} ${fmt(y(py))}`).join(" ");
    out.push(
      `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
    );
    if (!s.markers) continue;
    for (const [px, py] of s.points) {
      out.push(
        `<circle cx="${fmt(x(px))}" cy="${fmt(y(py))}" r="4" fill="${s.color}"><title>D=${fmt(px)} s: ${fmt(py)} s</title></circle>`,
      );
    }
  }
  return out;
}

/** The legend, top left inside the plot. */
function legend(series: Series[]): string[] {
  const legendX = MARGIN.left + 12;
  let legendY = MARGIN.top + 8;
  const out = [
    `<rect x="${legendX - 6}" y="${legendY - 6}" width="330" height="${series.length * 18 + 6}" fill="#ffffff" fill-opacity="0.9" stroke="#cccccc"/>`,
  ];
  for (const s of series) {
    out.push(
      `<line x1="${legendX}" y1="${legendY + 6}" x2="${legendX + 24}" y2="${legendY + 6}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      `<text x="${legendX + 30}" y="${legendY + 10}">${escape(s.label)}</text>`,
    );
    legendY += 18;
  }
  return out;
}

export function renderChart(results: SuiteResults): string {
  const maxDelay = Math.max(1, ...results.ready.map((r) => r.delaySeconds));
  const series = chartSeries(results, maxDelay);
  const maxWall = Math.max(1, ...series.flatMap((s) => s.points.map(([, y]) => y)));
  const plot = plotOf(maxDelay, maxWall);
  return [...frame(plot), ...lines(series, plot), ...legend(series), `</svg>`, ""].join("\n");
}
