/**
 * P3, scale: a NetworkLinkMesh under a rate limit, one `up` per variant (engine parallelism, poll
 * schedule), its wall time against the critical path of bench/bounds.ts.
 */
import * as os from "node:os";
import type { PulumiFn, UpOptions } from "@pulumi/pulumi/automation";
import type { CounterSnapshot } from "confluent-network-link-emulator";
import { NetworkLinkMesh } from "../provider";
import { meshBounds } from "./bounds";
import { mean, n, round, seconds, table, yes } from "./markdown";
import { raisedCell, raisedP3 } from "./raised-targets";
import type { MeshVariant } from "./sizes";
import type { MeshRun, SuiteResults, SuiteRun } from "./results";

const MESH_NETWORKS = [
  { environment: "env-aaaaa1", network: "n-aaaaa1" },
  { environment: "env-bbbbb1", network: "n-bbbbb1" },
  { environment: "env-aaaaa1", network: "n-aaaaa2" },
  { environment: "env-bbbbb1", network: "n-bbbbb2" },
  { environment: "env-ccccc1", network: "n-ccccc1" },
  { environment: "env-ccccc1", network: "n-ccccc2" },
];

function meshProgram(count: number): PulumiFn {
  return async () => {
    const mesh = new NetworkLinkMesh("mesh", {
      networks: MESH_NETWORKS.slice(0, count).map((n, i) => ({
        name: `m${i + 1}`,
        environment: { id: n.environment },
        network: { id: n.network },
      })),
    });
    return { ready: mesh.ready, phases: mesh.phases };
  };
}

/**
 * One timed `up` of the mesh from an empty emulator provisioning in `delaySeconds`, under the rate
 * limit or without one (the engine-overhead run).
 */
async function meshUp(
  run: SuiteRun,
  variant: MeshVariant,
  { delaySeconds, limited }: { delaySeconds: number; limited: boolean },
): Promise<{ wallSeconds: number; requests: CounterSnapshot; error?: string }> {
  const { emulator, sizes } = run;
  await emulator.fresh(delaySeconds);
  const stack = await emulator.newStack(meshProgram(sizes.meshNetworks), variant.poll ?? sizes.ourPoll);
  emulator.clearOutput();
  try {
    if (limited)
      await emulator.admin.setFaults({ rateLimit: { requestsPerSecond: sizes.meshRequestsPerSecond } });
    await emulator.admin.resetCounters();
    const upOptions: UpOptions = variant.parallel === undefined ? {} : { parallel: variant.parallel };
    const t0 = performance.now();
    let error: string | undefined;
    try {
      await stack.up(upOptions);
    } catch (err) {
      error = emulator.failure(err);
    }
    const wallSeconds = seconds(t0);
    const requests = await emulator.admin.counters();
    await emulator.admin.clearFaults();
    return { wallSeconds, requests, error };
  } finally {
    await stack.dispose();
  }
}

export async function mesh(run: SuiteRun, variant: MeshVariant): Promise<void> {
  const { sizes, emulator } = run;
  const n = sizes.meshNetworks;
  const d = sizes.meshDelaySeconds;
  const rate = sizes.meshRequestsPerSecond;
  // The same program, parallelism and provider at D = 0 with no limit: no wait and no throttle, so
  // what is left is the engine's and the provider processes' own time for these 25 resources. Once
  // before and once after the measured up, as P1's D = 0 runs (one `up` of it varies by 1 s here).
  const before = await meshUp(run, variant, { delaySeconds: 0, limited: false });
  const { wallSeconds, requests, error } = await meshUp(run, variant, { delaySeconds: d, limited: true });
  const after = await meshUp(run, variant, { delaySeconds: 0, limited: false });
  const overheadRuns = [before, after].filter((o) => !o.error).map((o) => round(o.wallSeconds));
  const services = n;
  const endpoints = n * (n - 1);
  const failedResources = services + endpoints - (await emulator.readyCount());
  // The CLI's default parallelism is 4 × CPU cores (`pulumi up --help`).
  const parallel = variant.parallel ?? 4 * os.cpus().length;
  const boundInput = { services, endpoints, delaySeconds: d, requestsPerSecond: rate, parallel };
  const bounds = meshBounds(boundInput);
  const result: MeshRun = {
    ...variant,
    networks: n,
    services,
    endpoints,
    delaySeconds: d,
    requestsPerSecond: rate,
    wallSeconds: round(wallSeconds),
    overheadSeconds: overheadRuns.length > 0 ? round(mean(overheadRuns) ?? 0) : undefined,
    overheadRuns,
    failedResources,
    requests,
    bounds,
    boundsWithPreflight: meshBounds({ ...boundInput, preflightGetsPerEndpoint: 1 }),
    ratio: round(wallSeconds / bounds.combinedSeconds),
    targetSeconds: round(1.25 * bounds.combinedSeconds),
    targetMet: !error && failedResources === 0 && wallSeconds <= 1.25 * bounds.combinedSeconds,
    error,
  };
  run.results.mesh.push(result);
  run.log(
    `P3 mesh ${n} networks, ${variant.label}: up ${result.wallSeconds}s (critical path ${bounds.combinedSeconds}s, ` +
      `ratio ${result.ratio}), ${requests.total} requests, ${failedResources} failed${error ? `: ${error}` : ""}`,
  );
}

export function p3SummaryRows(results: SuiteResults): string[][] {
  return results.mesh.map((m) => [
    `P3 mesh of ${m.networks}, ${m.label}`,
    "0 failed, wall ≤ 1.25 × critical path",
    `${m.failedResources} failed, ${n(m.wallSeconds, 1)} s vs ${n(m.targetSeconds, 1)} s (×${n(m.ratio)})`,
    yes(m.targetMet),
  ]);
}

/** The text before the table: the bounds, with the first variant's numbers. */
function criticalPath(m0: MeshRun): string[] {
  const b = m0.bounds;
  const bp = m0.boundsWithPreflight;
  const unlimited = meshBounds({
    services: m0.services,
    endpoints: m0.endpoints,
    delaySeconds: m0.delaySeconds,
    requestsPerSecond: m0.requestsPerSecond,
  });
  return [
    "## P3: scale, a mesh under a rate limit",
    "",
    `NetworkLinkMesh of ${m0.networks} networks (${m0.services} services, ${m0.endpoints} endpoints; the emulator is seeded ` +
      `with a fifth network, env-ccccc1/n-ccccc1) with D = ${m0.delaySeconds} s and the emulator rate-limited to ` +
      `${m0.requestsPerSecond} requests/s (token bucket holding one second's worth; 429 with Retry-After beyond it).`,
    "",
    "**Critical path.** Two lower bounds, and the way they combine:",
    "",
    `- provisioning: a service's D, then its endpoints' D = ${n(b.provisioningSeconds)} s;`,
    `- rate: the requests any client must make — ${m0.services + m0.endpoints} writes (POSTs) plus at least one GET per ` +
      `resource that sees it READY, ${b.requests} requests — through the bucket: (${b.requests} − ${m0.requestsPerSecond} ` +
      `of burst) ÷ ${m0.requestsPerSecond}/s = ${n(b.rateSeconds)} s;`,
    `- the simple bound max(provisioning, rate) = ${n(b.simpleSeconds)} s is not tight, because the two cannot overlap ` +
      `fully: no endpoint POST can be made before its service is seen READY (≥ D), the ${m0.endpoints} endpoint POSTs then ` +
      `queue through the bucket, and the last one needs another D. Phase by phase: services READY and seen at ` +
      `max(D, (2·${m0.services} − burst) ÷ rate); then ${m0.endpoints} POSTs through the bucket, the last at that time + ` +
      `${m0.endpoints} ÷ rate; done at the later of (last POST + D) and (services seen + all ${2 * m0.endpoints} endpoint ` +
      `requests ÷ rate): ${n(unlimited.combinedSeconds)} s with no limit on the engine's parallelism;`,
    `- the engine runs at most \`--parallel\` resource operations at once (the CLI's default is 4 × CPU cores), and each ` +
      `create holds its slot for at least D: ⌈services ÷ P⌉·D + ⌈endpoints ÷ P⌉·D. The critical path of each row is the ` +
      `largest of these bounds for that row's parallelism (column "Critical path"); its target is 1.25 × that.`,
    `- Our provider also reads each endpoint's service before its POST (the preflight check of design decision 3): ` +
      `with those ${m0.endpoints} GETs the same bound is ${n(bp.combinedSeconds)} s. That is a cost of our design, so it is ` +
      "shown but not taken into the critical path.",
    "",
  ];
}

function meshTable(results: SuiteResults): string {
  return table(
    [
      "Variant",
      "Engine parallelism",
      "Poll",
      "Wall (s)",
      "Critical path (s)",
      "Wall ÷ critical path",
      "Requests (GET / writes)",
      "Failed",
      "Target",
      "Engine overhead (s)",
      "Raised: wall vs 1.05 × (critical path + overhead)",
    ],
    results.mesh.map((m: MeshRun) => [
      m.label,
      m.parallel === undefined ? `default (4 × ${results.machine.nproc} cores)` : String(m.parallel),
      m.poll ? pollLabel(m.poll) : "ours (default)",
      n(m.wallSeconds),
      n(m.bounds.combinedSeconds),
      n(m.ratio),
      `${m.requests.total} (${m.requests.reads} / ${m.requests.writes})`,
      m.error ? `${m.failedResources}: ${m.error}` : m.failedResources,
      yes(m.targetMet),
      m.overheadSeconds === undefined
        ? "–"
        : `${n(m.overheadSeconds)}${m.overheadRuns && m.overheadRuns.length > 1 ? ` (${m.overheadRuns.map((o) => n(o)).join(", ")})` : ""}`,
      raisedCell(raisedP3(m)),
    ]),
  );
}

export function renderP3(results: SuiteResults): string[] {
  if (results.mesh.length === 0) return [];
  return [
    ...criticalPath(results.mesh[0]),
    meshTable(results),
    "",
    "Requests count every request that reached the emulator, including those answered 429. Engine overhead: " +
      "the same mesh `up` (same parallelism) at D = 0 with no rate limit, just before and just after the measured one (their mean; both in brackets): the " +
      "time of the engine, the program and the provider processes for these resources, which no poll or pacer can remove.",
    "",
  ];
}

function pollLabel(poll: { initialDelayMs: number; maxDelayMs?: number; fixedIntervalMs?: number }): string {
  if (poll.fixedIntervalMs !== undefined)
    return `${poll.initialDelayMs} ms, then every ${poll.fixedIntervalMs} ms`;
  return `${poll.initialDelayMs} ms, +15 %, cap ${poll.maxDelayMs ?? 10_000} ms`;
}
