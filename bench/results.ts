// What a bench run records: the results of each benchmark and what every benchmark of a run shares.
// Types only, so that the benchmarks, the suite and the report all import them without a circle.
import type { CounterSnapshot } from "confluent-network-link-emulator";
import type { BenchEmulator } from "./bench-emulator";
import type { MeshBounds } from "./bounds";
import type { ThroughputResult } from "./emulator-throughput";
import type { NativeResults } from "./native-suite";
import type { MeshVariant, ScheduleName, SuiteSizes } from "./sizes";
import type { ShareSummary } from "./state-share";

export interface SuiteResults {
  sizes: SuiteSizes;
  machine: MachineInfo;
  totalSeconds: number;
  ready: ReadyRun[];
  lifecycle: LifecycleRow[];
  mesh: MeshRun[];
  state?: StateSize;
  manyStacks?: ManyStacksRun;
  throughput?: ThroughputResult;
  native?: NativeResults;
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  pulumi: string;
  date: string;
}

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

/** What every benchmark of a run shares: its sizes, its results so far, the emulator and the log. */
export interface SuiteRun {
  sizes: SuiteSizes;
  results: SuiteResults;
  emulator: BenchEmulator;
  log: (line: string) => void;
  cliBinDir: string;
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
  /**
   * The same `up` at D = 0 with no rate limit, in the same run: the engine's own time for the mesh
   * (the mean of the runs just before and just after the measured one).
   */
  overheadSeconds?: number;
  /** Those D = 0 runs' walls (s); absent in results written before they were two. */
  overheadRuns?: number[];
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

export interface ManyStacksRun {
  stacks: number;
  delaySeconds: number;
  requestsPerSecond: number;
  /** One POST and one READY read per object. */
  necessaryRequests: number;
  boundSeconds: number;
  /** The same `up`s at D = 0, no rate limit: the engines' own time. */
  overheadSeconds: number;
  makespanSeconds: number;
  /** 1.3 × (bound + overhead). */
  targetSeconds: number;
  targetMet: boolean;
  failedResources: number;
  /** Requests that reached the emulator during the measured `up`s, 429s included. */
  requests: { total: number; byMethod: Record<string, number>; byStatus: Record<string, number> };
  /** POSTs beyond one per object, and how those extra ones were answered. */
  repeatedPosts: number;
  postStatuses: Record<string, number>;
  errors: string[];
}
