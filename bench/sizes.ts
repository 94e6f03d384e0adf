/**
 * What a benchmark run measures and at which sizes: the full run of `npm run bench` and the tiny
 * quick run of the bench-smoke test, and the poll schedules compared.
 */
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
  /** P5: stacks run at once in separate processes, their D, and the emulator's shared rate limit. */
  manyStacks: { stacks: number; delaySeconds: number; requestsPerSecond: number };
}

export const OUR_POLL: PollConfig = { initialDelayMs: 1000, maxDelayMs: 10_000 };
/** The Terraform provider: GET after 5 s, then every 60 s (networking-api.md §5). */
export const TERRAFORM_POLL: PollConfig = { initialDelayMs: 5000, fixedIntervalMs: 60_000 };

export const FULL_SIZES: SuiteSizes = {
  quick: false,
  // D = 60 s for ours only: the raised P1 target there (raised-targets.ts); the baseline would take minutes.
  oursDelays: [2, 5, 15, 60],
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
  manyStacks: { stacks: 4, delaySeconds: 5, requestsPerSecond: 5 },
};

/** Tiny sizes for the bench-smoke test: every code path, seconds of waiting. The baseline is scaled ×0.1. */
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
  manyStacks: { stacks: 2, delaySeconds: 0.2, requestsPerSecond: 20 },
};
