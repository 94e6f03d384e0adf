/**
 * Lower bounds ("floors", "critical paths") the measured wall times are compared with, and the poll
 * counts our schedule predicts. Pure functions: the bench-smoke test and the report share them.
 */
import { DEFAULT_POLL_SCHEDULE } from "../provider/runtime";

/** Time to READY of a service → endpoint chain: the endpoint can only be created once its service is READY. */
export function provisioningFloorSeconds(serviceDelaySeconds: number, endpointDelaySeconds: number): number {
  return serviceDelaySeconds + endpointDelaySeconds;
}

export interface MeshBoundInput {
  services: number;
  endpoints: number;
  delaySeconds: number;
  requestsPerSecond: number;
  /** Token-bucket size (the emulator holds one second's worth). Default: requestsPerSecond. */
  burst?: number;
  /** GETs each endpoint must make before its POST (our provider reads the service first). Default 0. */
  preflightGetsPerEndpoint?: number;
  /**
   * The engine's parallelism (`pulumi up --parallel`, default 4 × CPU cores): at most this many
   * resource operations run at once, and each create holds its slot for at least D.
   */
  parallel?: number;
}

export interface MeshBounds {
  /** Service D + endpoint D. */
  provisioningSeconds: number;
  /** Writes + one READY GET per resource (+ preflight GETs), all through the bucket: (requests − burst) ÷ rate. */
  rateSeconds: number;
  /** max(provisioning, rate): the simple bound. */
  simpleSeconds: number;
  /**
   * Both together, phase by phase: services (POSTs, then a READY GET each at ≥ D); then every endpoint's
   * (preflight GETs +) POST through the bucket, the last one READY D later, and all endpoint requests
   * fitted into the bucket after the services are READY. Never below `simpleSeconds` nor
   * `parallelSeconds`.
   */
  combinedSeconds: number;
  /** Waves of at most `parallel` creates, each at least D: services, then endpoints. */
  parallelSeconds: number;
  /** Requests the bounds count. */
  requests: number;
}

export function meshBounds(input: MeshBoundInput): MeshBounds {
  const { services: s, endpoints: e, delaySeconds: d, requestsPerSecond: r } = input;
  const burst = input.burst ?? r;
  const pre = input.preflightGetsPerEndpoint ?? 0;
  const requests = 2 * s + (2 + pre) * e;
  const provisioningSeconds = 2 * d;
  const rateSeconds = Math.max(0, requests - burst) / r;
  const simpleSeconds = Math.max(provisioningSeconds, rateSeconds);
  // Phase A: s POSTs (from the full bucket), then s READY GETs no earlier than D.
  const servicesReady = Math.max(d, Math.max(0, 2 * s - burst) / r);
  // Tokens left when phase B starts: the bucket refills to at most `burst` while the services provision,
  // and their READY GETs spend s of them.
  const tokens = Math.max(0, burst - s);
  const lastPost = servicesReady + Math.max(0, (1 + pre) * e - tokens) / r;
  const endpointRequests = (2 + pre) * e;
  const combined = Math.max(lastPost + d, servicesReady + Math.max(0, endpointRequests - tokens) / r);
  const p = input.parallel ?? Infinity;
  const parallelSeconds = (Math.ceil(s / p) + Math.ceil(e / p)) * d;
  return {
    provisioningSeconds,
    rateSeconds,
    simpleSeconds,
    parallelSeconds,
    combinedSeconds: Math.max(simpleSeconds, combined, parallelSeconds),
    requests,
  };
}

/** A wait's poll schedule (milliseconds): provider/runtime's default, or one set through its config keys. */
export interface PollSchedule {
  initialDelayMs: number;
  growth: number;
  maxDelayMs: number;
  fixedIntervalMs?: number;
}

/**
 * The gap after `elapsedMs` of waiting, as the provider's documented schedule has it (a wait that has
 * learned nothing from earlier waits of its kind): a fixed interval when set, else `growth` × the time
 * waited, at least the first delay and at most `maxDelayMs`.
 */
export function nextDelay(schedule: PollSchedule, elapsedMs: number): number {
  if (schedule.fixedIntervalMs !== undefined) return schedule.fixedIntervalMs;
  return Math.min(schedule.maxDelayMs, Math.max(schedule.initialDelayMs, elapsedMs * schedule.growth));
}

/**
 * How many GETs a wait of `delaySeconds` makes under a schedule (the create response is judged first,
 * so a resource READY at once costs 0), and when the READY one lands: the overshoot past D.
 */
export function predictedPolls(
  delaySeconds: number,
  schedule: Partial<PollSchedule> = {},
): { gets: number; readySeenSeconds: number } {
  const full = { ...DEFAULT_POLL_SCHEDULE, ...schedule };
  const d = delaySeconds * 1000;
  if (d <= 0) return { gets: 0, readySeenSeconds: 0 };
  let t = full.initialDelayMs;
  let gets = 1;
  while (t < d) {
    t += nextDelay(full, t);
    gets += 1;
  }
  return { gets, readySeenSeconds: t / 1000 };
}
