/**
 * The benchmarks, through the real Pulumi engine (Automation API, inline programs) against the
 * emulator. `runSuite(sizes)` measures and returns plain data; report.ts and chart.ts render it.
 *
 * Noise: the machines are small and shared, so every comparison is made from runs in the same
 * process, interleaved (ours, then the baseline, then the other way round for the next D).
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import type { PulumiFn, UpOptions } from "@pulumi/pulumi/automation";
import {
  DEFAULT_CREDENTIALS,
  DEFAULT_SEED,
  EmulatorAdmin,
  startEmulator,
  type CounterSnapshot,
} from "confluent-network-link-emulator";
import { NetworkLinkMesh } from "../provider";
import { POLL_CONFIG_KEYS } from "../provider/runtime";
import { createTestStack, type TestStack } from "../harness/stack";
import { ensurePulumiCli, offlineEnv } from "../harness/offline";
import { meshBounds, predictedPolls, provisioningFloorSeconds, type MeshBounds } from "./bounds";
import { runEmulatorThroughput, type ThroughputResult } from "./emulator-throughput";
import { NativeBench, type NativeResults } from "./native-suite";
import { resourceShares, summarize, type ShareSummary } from "./state-share";
import bidirectional = require("../examples/bidirectional");

export type ScheduleName = "ours" | "terraform";

/** A poll schedule as stack config (milliseconds). */
export interface PollConfig {
  initialDelayMs: number;
  maxDelayMs?: number;
  fixedIntervalMs?: number;
}

export interface MeshVariant {
  label: string;
  /** Engine parallelism (`pulumi up --parallel`); undefined: the CLI's default (4 × cores). */
  parallel?: number;
  /** Poll schedule; default: ours. */
  poll?: PollConfig;
}

export interface SuiteSizes {
  quick: boolean;
  /** D values (seconds) for our schedule. */
  oursDelays: number[];
  /** D values (seconds) for the Terraform schedule. */
  baselineDelays: number[];
  /** The D of the P2 lifecycle (one of oursDelays: that run doubles as P2 and P4). */
  lifecycleDelay: number;
  /** Runs of `up` with D = 0 (engine overhead), one at the start and one at the end when 2. */
  engineOverheadRuns: number;
  deprovisioningMs: number;
  ourPoll: PollConfig;
  baselinePoll: PollConfig;
  baselineLabel: string;
  meshNetworks: number;
  meshDelaySeconds: number;
  meshRequestsPerSecond: number;
  meshVariants: MeshVariant[];
  throughputSeconds: number;
  /** D values (seconds, among oursDelays) at which the native provider's `up` runs right after ours. */
  nativeDelays: number[];
}

export const OUR_POLL: PollConfig = { initialDelayMs: 1000, maxDelayMs: 10_000 };
/** The Terraform provider: GET after 5 s, then every 60 s (networking-api.md §5). */
export const TERRAFORM_POLL: PollConfig = { initialDelayMs: 5000, fixedIntervalMs: 60_000 };

export const FULL_SIZES: SuiteSizes = {
  quick: false,
  oursDelays: [2, 5, 15],
  baselineDelays: [2, 5, 15],
  lifecycleDelay: 2,
  engineOverheadRuns: 2,
  deprovisioningMs: 500,
  ourPoll: OUR_POLL,
  baselinePoll: TERRAFORM_POLL,
  baselineLabel: "Terraform schedule (5 s, then every 60 s)",
  meshNetworks: 5,
  meshDelaySeconds: 5,
  meshRequestsPerSecond: 5,
  meshVariants: [{ label: "default engine parallelism" }, { label: "--parallel 32", parallel: 32 }],
  throughputSeconds: 5,
  nativeDelays: [2, 5],
};

/** Tiny sizes for the smoke test: every code path, seconds of waiting. The baseline is scaled ×0.1. */
export const QUICK_SIZES: SuiteSizes = {
  quick: true,
  oursDelays: [0.2],
  baselineDelays: [0.2],
  lifecycleDelay: 0.2,
  engineOverheadRuns: 1,
  deprovisioningMs: 100,
  ourPoll: { initialDelayMs: 100, maxDelayMs: 1000 },
  baselinePoll: { initialDelayMs: 500, fixedIntervalMs: 6000 },
  baselineLabel: "Terraform schedule ×0.1 (0.5 s, then every 6 s)",
  meshNetworks: 3,
  meshDelaySeconds: 0.2,
  meshRequestsPerSecond: 20,
  meshVariants: [{ label: "default engine parallelism" }],
  throughputSeconds: 1,
  nativeDelays: [0.2],
};

export interface ReadyRun {
  schedule: ScheduleName;
  delaySeconds: number;
  wallSeconds: number;
  floorSeconds: number;
  /** wall ÷ floor (undefined when the floor is 0). */
  ratio?: number;
  /** ours: 1.10 × floor + 5 s. */
  targetSeconds?: number;
  targetMet?: boolean;
  /** Every GET of the `up` (list calls that answer shared polls, and GETs by ID). */
  idGets: number;
  /** Of those, the endpoints' reads of their service before the POST. */
  preflightGets: number;
  /** (idGets − preflightGets) ÷ 4 waits. */
  getsPerWait: number;
  predictedGetsPerWait: number;
  failedResources: number;
  requests: CounterSnapshot;
  error?: string;
}

export interface LifecycleRow {
  operation: string;
  total: number;
  reads: number;
  writes: number;
  byRoute: Record<string, number>;
  target?: string;
  targetMet?: boolean;
  error?: string;
}

export interface MeshRun extends MeshVariant {
  networks: number;
  services: number;
  endpoints: number;
  delaySeconds: number;
  requestsPerSecond: number;
  wallSeconds: number;
  failedResources: number;
  requests: CounterSnapshot;
  /** Requests the emulator answered 429 (counted from the Retry-After lines is not possible: total − served). */
  bounds: MeshBounds;
  /** Bounds with our provider's extra read of the service before each endpoint POST. */
  boundsWithPreflight: MeshBounds;
  /** wall ÷ bounds.combinedSeconds. */
  ratio: number;
  targetSeconds: number;
  targetMet: boolean;
  error?: string;
}

export interface StateSize {
  resources: number;
  dynamicResources: number;
  exportBytes: number;
  /** Whether re-printing the parsed export as 4-space JSON gives the CLI's bytes (so the shares below are exact). */
  reprintMatches: boolean;
  /** The export without any dynamic resource: stack, component, default provider (with the stack config). */
  fixedBytes: number;
  /** Whole export ÷ dynamic resources (fixed part included). */
  bytesPerDynamicResource: number;
  bytesPerResourceAll: number;
  /** A dynamic resource's share of the export (its entry as printed): the largest, and the mean. The target's measure. */
  largestDynamicResourceBytes: number;
  meanDynamicResourceBytes: number;
  serializedProviderBytes: number;
  /** Where the largest dynamic resource's bytes go (compact JSON of each top-level field). */
  breakdown: Record<string, number>;
  targetMet: boolean;
  /** The dynamic resources' shares, measured as the native ones are (bench/state-share.ts). */
  shares: ShareSummary;
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  pulumi: string;
  date: string;
}

export interface SuiteResults {
  sizes: SuiteSizes;
  machine: MachineInfo;
  totalSeconds: number;
  ready: ReadyRun[];
  lifecycle: LifecycleRow[];
  mesh: MeshRun[];
  state?: StateSize;
  throughput?: ThroughputResult;
  native?: NativeResults;
}

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

/** Five networks (the default seed has four): env-ccccc1/n-ccccc1 added. */
const EXTRA_ENVIRONMENT = { id: "env-ccccc1", networks: [{ id: "n-ccccc1" }, { id: "n-ccccc2" }] };
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

function pollConfig(poll: PollConfig): Record<string, string> {
  const config: Record<string, string> = { [POLL_CONFIG_KEYS.initialDelayMs]: String(poll.initialDelayMs) };
  if (poll.maxDelayMs !== undefined) config[POLL_CONFIG_KEYS.maxDelayMs] = String(poll.maxDelayMs);
  if (poll.fixedIntervalMs !== undefined)
    config[POLL_CONFIG_KEYS.fixedIntervalMs] = String(poll.fixedIntervalMs);
  return config;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface RunOptions {
  log?: (line: string) => void;
  /** Only P3 (the mesh variants): for measuring a change to the mesh path without the rest. */
  onlyMesh?: boolean;
}

export async function runSuite(sizes: SuiteSizes, options: RunOptions = {}): Promise<SuiteResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const cli = await ensurePulumiCli();
  const cliBinDir = cli.binDir;
  const machine = machineInfo(cli.binDir);
  log(
    `machine: ${machine.nproc} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, Pulumi ${machine.pulumi}`,
  );

  const emulator = await startEmulator({
    seed: { ...DEFAULT_SEED, environments: [...DEFAULT_SEED.environments, EXTRA_ENVIRONMENT] },
    delays: { deprovisioningMs: sizes.deprovisioningMs },
    logger: process.env.BENCH_EMULATOR_LOG === "1",
  });
  const admin = new EmulatorAdmin(emulator.url);
  const results: SuiteResults = {
    sizes,
    machine,
    totalSeconds: 0,
    ready: [],
    lifecycle: [],
    mesh: [],
  };

  // The engine's output of the operation in progress, for the error message of a failed run.
  let recent: string[] = [];
  const newStack = (program: PulumiFn, poll: PollConfig) =>
    createTestStack({
      program,
      config: { "confluentcloud:endpoint": emulator.url, ...pollConfig(poll) },
      secretConfig: {
        "confluentcloud:cloudApiKey": DEFAULT_CREDENTIALS.key,
        "confluentcloud:cloudApiSecret": DEFAULT_CREDENTIALS.secret,
      },
      onOutput: (line) => {
        recent.push(line);
        if (recent.length > 40) recent = recent.slice(-40);
      },
    });

  async function readyCount(): Promise<number> {
    const state = await admin.state();
    const phases = [...state.services, ...state.endpoints].map(
      (r) => (r as { status: { phase: string } }).status.phase,
    );
    return phases.filter((phase) => phase === "READY").length;
  }

  async function fresh(delaySeconds: number): Promise<void> {
    await admin.reset({ keepSeed: true });
    await admin.setDelays({
      serviceProvisioningMs: delaySeconds * 1000,
      endpointProvisioningMs: delaySeconds * 1000,
      deprovisioningMs: sizes.deprovisioningMs,
    });
  }

  async function counted<R>(operation: () => Promise<R>): Promise<{ value: R; counters: CounterSnapshot }> {
    await admin.resetCounters();
    const value = await operation();
    return { value, counters: await admin.counters() };
  }

  /** P1 (and, for the lifecycle run, P2 and P4): one `up` of the bidirectional example at D. */
  async function timeToReady(schedule: ScheduleName, delaySeconds: number, lifecycle = false): Promise<void> {
    const poll = schedule === "ours" ? sizes.ourPoll : sizes.baselinePoll;
    await fresh(delaySeconds);
    const stack = await newStack(bidirectional, poll);
    recent = [];
    try {
      if (lifecycle) {
        // A failed preview is recorded (with its requests) rather than ending the run.
        let previewError: string | undefined;
        const preview = await counted(() =>
          stack.preview().catch((err: unknown) => {
            previewError = failure(err, recent);
          }),
        );
        const row = lifecycleRow("preview (empty stack)", preview.counters, "0 writes");
        if (previewError) {
          row.error = previewError;
          row.targetMet = false;
          log(`P2 preview failed: ${previewError}`);
        }
        results.lifecycle.push(row);
        recent = [];
      }
      await admin.resetCounters();
      const t0 = performance.now();
      let error: string | undefined;
      try {
        await stack.up();
      } catch (err) {
        error = failure(err, recent);
      }
      const wallSeconds = seconds(t0);
      const requests = await admin.counters();
      const failedResources = 4 - (await readyCount());
      const floorSeconds = provisioningFloorSeconds(delaySeconds, delaySeconds);
      // Polls go through list calls shared by the waits of one environment, or a GET by ID: count both.
      const serviceGets = sumGets(requests.byRoute, SERVICE_ROUTES);
      const endpointGets = sumGets(requests.byRoute, ENDPOINT_ROUTES);
      const preflightGets = 2;
      const run: ReadyRun = {
        schedule,
        delaySeconds,
        wallSeconds: round(wallSeconds),
        floorSeconds,
        ratio: floorSeconds > 0 ? round(wallSeconds / floorSeconds) : undefined,
        idGets: serviceGets + endpointGets,
        preflightGets,
        getsPerWait: round((serviceGets + endpointGets - preflightGets) / 4),
        predictedGetsPerWait: predictedPolls(delaySeconds, scheduleOf(poll)).gets,
        failedResources,
        requests,
        error,
      };
      if (schedule === "ours") {
        run.targetSeconds = round(1.1 * floorSeconds + 5);
        run.targetMet = !error && failedResources === 0 && wallSeconds <= run.targetSeconds;
      }
      results.ready.push(run);
      log(
        `P1 ${schedule} D=${delaySeconds}s: up ${run.wallSeconds}s (floor ${floorSeconds}s, ratio ${run.ratio ?? "-"}), ` +
          `${run.getsPerWait} GETs/wait, ${failedResources} failed${error ? `: ${error}` : ""}`,
      );
      if (lifecycle && !error) await lifecycleRest(stack);
    } finally {
      await stack.dispose();
    }
  }

  /** P2 after the lifecycle run's `up`: no-change up, refresh, P4's export, destroy. */
  async function lifecycleRest(stack: TestStack): Promise<void> {
    const up = results.ready[results.ready.length - 1];
    results.lifecycle.push(lifecycleRow("up (from empty)", up.requests));
    const noChange = await counted(() => stack.up());
    results.lifecycle.push(lifecycleRow("up (no change)", noChange.counters, "0 writes"));
    const refresh = await counted(() => stack.refresh());
    results.lifecycle.push(lifecycleRow("refresh", refresh.counters, "1 GET per resource (4)", 4));
    results.state = stateSize(exportText(stack, cliBinDir));
    log(
      `P4 state: largest dynamic resource ${results.state.largestDynamicResourceBytes} bytes of the export ` +
        `(${results.state.exportBytes} bytes in all, ${results.state.dynamicResources} dynamic of ${results.state.resources}, ` +
        `${results.state.fixedBytes} without them; reprint ${results.state.reprintMatches ? "exact" : "approximate"})`,
    );
    const destroy = await counted(() => stack.destroy());
    results.lifecycle.push(lifecycleRow("destroy", destroy.counters));
    for (const row of results.lifecycle)
      log(`P2 ${row.operation}: ${row.total} requests (${row.writes} writes)`);
  }

  async function mesh(variant: MeshVariant): Promise<void> {
    const n = sizes.meshNetworks;
    const d = sizes.meshDelaySeconds;
    const rate = sizes.meshRequestsPerSecond;
    await fresh(d);
    const stack = await newStack(meshProgram(n), variant.poll ?? sizes.ourPoll);
    recent = [];
    try {
      await admin.setFaults({ rateLimit: { requestsPerSecond: rate } });
      await admin.resetCounters();
      const upOptions: UpOptions = variant.parallel === undefined ? {} : { parallel: variant.parallel };
      const t0 = performance.now();
      let error: string | undefined;
      try {
        await stack.up(upOptions);
      } catch (err) {
        error = failure(err, recent);
      }
      const wallSeconds = seconds(t0);
      const requests = await admin.counters();
      await admin.clearFaults();
      const services = n;
      const endpoints = n * (n - 1);
      const failedResources = services + endpoints - (await readyCount());
      // The CLI's default parallelism is 4 × CPU cores (`pulumi up --help`).
      const parallel = variant.parallel ?? 4 * os.cpus().length;
      const boundInput = { services, endpoints, delaySeconds: d, requestsPerSecond: rate, parallel };
      const bounds = meshBounds(boundInput);
      const run: MeshRun = {
        ...variant,
        networks: n,
        services,
        endpoints,
        delaySeconds: d,
        requestsPerSecond: rate,
        wallSeconds: round(wallSeconds),
        failedResources,
        requests,
        bounds,
        boundsWithPreflight: meshBounds({ ...boundInput, preflightGetsPerEndpoint: 1 }),
        ratio: round(wallSeconds / bounds.combinedSeconds),
        targetSeconds: round(1.25 * bounds.combinedSeconds),
        targetMet: !error && failedResources === 0 && wallSeconds <= 1.25 * bounds.combinedSeconds,
        error,
      };
      results.mesh.push(run);
      log(
        `P3 mesh ${n} networks, ${variant.label}: up ${run.wallSeconds}s (critical path ${bounds.combinedSeconds}s, ` +
          `ratio ${run.ratio}), ${requests.total} requests, ${failedResources} failed${error ? `: ${error}` : ""}`,
      );
    } finally {
      await stack.dispose();
    }
  }

  const native =
    !options.onlyMesh && sizes.nativeDelays.length > 0
      ? await NativeBench.open(sizes.deprovisioningMs)
      : undefined;
  if (native) results.native = native.results;
  async function nativeRun(delaySeconds: number): Promise<void> {
    if (!native || !sizes.nativeDelays.includes(delaySeconds)) return;
    const run = await native.run(delaySeconds);
    log(`P1 native D=${delaySeconds}s: up ${run.wallSeconds}s${run.error ? `: ${run.error}` : ""}`);
  }

  try {
    if (!options.onlyMesh) await timeToReadyRuns();
    // P3, variants interleaved in the order given.
    for (const variant of sizes.meshVariants) await mesh(variant);
    if (!options.onlyMesh) {
      // The emulator alone.
      results.throughput = await runEmulatorThroughput({ durationSeconds: sizes.throughputSeconds });
      log(`emulator: ${Math.round(results.throughput.requestsPerSecond)} GET/s`);
      if (native?.results.state) {
        const state = native.results.state;
        log(`P4 native: largest resource ${state.largest} bytes of the export (mean ${state.mean})`);
      }
    }
  } finally {
    await native?.close();
    await emulator.close();
  }
  results.totalSeconds = round(seconds(started), 1);
  return results;

  async function timeToReadyRuns(): Promise<void> {
    // P1, interleaved: D = 0 first (and last), then for each D ours and the baseline, alternating
    // which goes first so drift in the machine's load hits both.
    const delays = [...new Set([...sizes.oursDelays, ...sizes.baselineDelays])];
    const order = [
      ...delays.filter((d) => d === sizes.lifecycleDelay),
      ...delays.filter((d) => d !== sizes.lifecycleDelay),
    ];
    await timeToReady("ours", 0);
    let oursFirst = true;
    for (const d of order) {
      const runs: [ScheduleName, boolean][] = [];
      if (sizes.oursDelays.includes(d)) runs.push(["ours", d === sizes.lifecycleDelay]);
      if (sizes.baselineDelays.includes(d)) runs.push(["terraform", false]);
      if (!oursFirst) runs.reverse();
      for (const [schedule, lifecycle] of runs) await timeToReady(schedule, d, lifecycle);
      // The native provider's `up` of the same topology, after the dynamic runs of this D.
      await nativeRun(d);
      oursFirst = !oursFirst;
    }
    if (sizes.engineOverheadRuns > 1) await timeToReady("ours", 0);
  }
}

function scheduleOf(poll: PollConfig) {
  return {
    initialDelayMs: poll.initialDelayMs,
    ...(poll.maxDelayMs !== undefined ? { maxDelayMs: poll.maxDelayMs } : {}),
    ...(poll.fixedIntervalMs !== undefined ? { fixedIntervalMs: poll.fixedIntervalMs } : {}),
  };
}

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

/** `pulumi stack export` (no --show-secrets) exactly as the CLI prints it. */
function exportText(stack: TestStack, binDir: string): string {
  const env = offlineEnv({
    backendDir: stack.backendDir,
    binDir,
    homeDir: path.join(path.dirname(stack.workDir), "home"),
  });
  return execFileSync(
    path.join(binDir, "pulumi"),
    ["stack", "export", "--stack", stack.stackName, "--non-interactive"],
    { cwd: stack.workDir, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
}

function stateSize(text: string): StateSize {
  const state = JSON.parse(text) as {
    deployment: { resources?: { type: string; [key: string]: unknown }[] };
  };
  const resources = state.deployment.resources ?? [];
  const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
  // The CLI prints the export as 4-space JSON; when re-printing it the same way gives the same bytes,
  // a resource's share of the export is exactly what removing it takes away.
  const print = (value: unknown) => Buffer.byteLength(JSON.stringify(value, null, 4) + "\n");
  const exportBytes = Buffer.byteLength(text);
  const reprintMatches = print(state) === exportBytes;
  const without = (drop: unknown[]) => ({
    ...state,
    deployment: { ...state.deployment, resources: resources.filter((r) => !drop.includes(r)) },
  });
  const sizes = dynamic.map((r) => print(state) - print(without([r])));
  const providerBytes = dynamic.map((r) =>
    Buffer.byteLength(JSON.stringify((r.inputs as Record<string, unknown> | undefined)?.__provider ?? "")),
  );
  const largest = dynamic[sizes.indexOf(Math.max(...sizes))];
  const breakdown: Record<string, number> = {};
  for (const [key, value] of Object.entries(largest ?? {})) {
    if ((key === "inputs" || key === "outputs") && value && typeof value === "object") {
      const { __provider, ...rest } = value as Record<string, unknown>;
      breakdown[key] = Buffer.byteLength(JSON.stringify(rest));
      if (__provider !== undefined)
        breakdown[`${key}.__provider`] = Buffer.byteLength(JSON.stringify(__provider));
    } else {
      breakdown[key] = Buffer.byteLength(JSON.stringify(value));
    }
  }
  const largestBytes = Math.max(0, ...sizes);
  return {
    resources: resources.length,
    dynamicResources: dynamic.length,
    exportBytes,
    reprintMatches,
    fixedBytes: print(without(dynamic)),
    bytesPerDynamicResource: dynamic.length > 0 ? Math.round(exportBytes / dynamic.length) : 0,
    bytesPerResourceAll: resources.length > 0 ? Math.round(exportBytes / resources.length) : 0,
    largestDynamicResourceBytes: largestBytes,
    meanDynamicResourceBytes:
      dynamic.length > 0 ? Math.round(sizes.reduce((a, b) => a + b, 0) / dynamic.length) : 0,
    serializedProviderBytes: Math.max(0, ...providerBytes),
    breakdown,
    targetMet: dynamic.length > 0 && largestBytes <= 8 * 1024,
    shares: summarize(resourceShares(text, (type) => type.startsWith("pulumi-nodejs:dynamic"))),
  };
}

function failure(err: unknown, recent: string[]): string {
  const message = err instanceof Error ? err.message : String(err);
  const errorLines = [...new Set(recent.filter((line) => /error:/i.test(line)).map((line) => line.trim()))];
  return (errorLines.length > 0 ? errorLines.slice(-3) : [message.split("\n")[0]]).join(" | ").slice(0, 600);
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
