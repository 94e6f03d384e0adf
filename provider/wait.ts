// Polling until an object reaches a phase: the schedule, learned times, and the deadline.
import { withDeadline } from "./client/deadline";

/** How a wait for a phase polls. */
export interface PollSchedule {
  /** First poll this long after the start. Default 1000 ms. */
  initialDelayMs: number;
  /**
   * Each later poll waits this fraction of the time already waited, so the overshoot past the moment
   * the phase changes stays a small share of the provisioning time itself. Default 0.15.
   */
  growth: number;
  /** Longest gap between polls. Default 10 000 ms. */
  maxDelayMs: number;
  /** Shortest gap between later polls. Default: initialDelayMs. */
  minDelayMs?: number;
  /** Fixed gap instead (for comparing with other tools' schedules); overrides growth when set. */
  fixedIntervalMs?: number;
}

export const DEFAULT_POLL: PollSchedule = { initialDelayMs: 1000, growth: 0.15, maxDelayMs: 10_000 };

export type PhaseVerdict = "done" | "wait" | "fail";

export interface WaitOptions<T> {
  /** What we wait for, for messages: "network link endpoint nle-abc123 to become READY". */
  description: string;
  poll: () => Promise<T>;
  judge: (value: T) => PhaseVerdict;
  phaseOf: (value: T) => string;
  timeoutMs: number;
  schedule?: Partial<PollSchedule>;
  /** What earlier waits of the same type took, once known: polls gather around that time. */
  learned?: () => LearnedDuration | undefined;
  /**
   * The waits of the same kind running beside this one, and this wait's group among them (the waits
   * of one group share their reads): the wait takes the phase of its group, and when another of the
   * kind settles, it looks once its own object is about as old as that one was.
   */
  kin?: { of: WaitKin; group: string };
  /** Called on every phase seen, and every 30 s while nothing changes. */
  onProgress?: (message: string) => void;
  /** The value at hand before the first poll (e.g. the create response), judged first. */
  initial?: T;
  /**
   * Whether a failed poll is only "no news yet" (throttled, a 5xx, a dropped connection): the wait
   * then backs off and polls again until its timeout instead of failing a resource that is fine.
   */
  isTransient?: (err: unknown) => boolean;
}

/** How long the earlier waits of a type took (shortest and longest), in this process. */
export interface LearnedDuration {
  shortestMs: number;
  longestMs: number;
}

export class WaitTimeoutError<T> extends Error {
  override readonly name = "WaitTimeoutError";
  constructor(
    message: string,
    readonly last: T | undefined,
  ) {
    super(message);
  }
}

export class WaitFailedError<T> extends Error {
  override readonly name = "WaitFailedError";
  constructor(
    message: string,
    readonly last: T,
  ) {
    super(message);
  }
}

/**
 * The waits of one kind running in this process (say, one API's endpoints). Each wait that joins takes
 * a phase, a share of its poll gap by which its polls come later: waits of different groups (whose
 * polls are separate reads) then look at different moments. When one of them sees its object settle,
 * `wake` tells the others how long that took, and each looks when its own object is about that old (at
 * once if it already is): objects created together settle together. Of several objects created together,
 * the first seen settled is seen within a fraction of a gap, and the rest a moment later, for no more
 * reads. Waits of one group keep one phase, so that their polls still coincide and one read answers
 * them all.
 */
export class WaitKin {
  private readonly members = new Set<KinMember>();

  /** Adds a wait of `group`; `wake` is called with what another of the kind took to settle. */
  join(group: string, wake: (tookMs: number) => void): { offset: number; leave: () => void } {
    const members = [...this.members];
    const taken = new Set(members.map((m) => m.offset));
    let offset = members.find((m) => m.group === group)?.offset;
    for (let i = 0; offset === undefined; i++) if (!taken.has(phase(i))) offset = phase(i);
    const member = { group, offset, wake };
    this.members.add(member);
    return { offset, leave: () => this.members.delete(member) };
  }

  /** Another wait of the kind has settled after `tookMs`: the others look when theirs is as old. */
  wake(tookMs: number): void {
    for (const member of this.members) member.wake(tookMs);
  }
}

interface KinMember {
  group: string;
  offset: number;
  wake: (tookMs: number) => void;
}

/** The i-th phase: 0, 1/2, 1/4, 3/4, 1/8, 5/8, ... (each one halves a gap left by those before). */
export function phase(i: number): number {
  let value = 0;
  for (let bit = 0.5, rest = i; rest > 0; bit /= 2, rest >>= 1) if (rest & 1) value += bit;
  return value;
}

/**
 * Sleeps until `target` or, after a wake-up with a time (epoch ms), until that time if it is earlier.
 * `onWake` receives the function the wait's kin calls.
 */
async function sleepUntil(
  target: number,
  onWake: (wake: ((at: number) => void) | undefined) => void,
): Promise<number> {
  while (Date.now() < target) {
    const at = await new Promise<number | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), target - Date.now());
      onWake((at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
    onWake(undefined);
    if (at !== undefined) target = Math.max(Date.now(), Math.min(target, at));
  }
  return target;
}

/**
 * Polls until `judge` says done or fail, or the timeout passes. Returns the last value read. However
 * the schedule runs (learned times included), the last poll starts within the last gap before the
 * deadline (lastLookMs), early enough for its answer to count: a wait never gives up unseen.
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<T> {
  const schedule = { ...DEFAULT_POLL, ...options.schedule };
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const lastLook = deadline - lastLookMs(schedule, options.timeoutMs);
  // A learned time that only begins after the last look says nothing about this wait.
  const learned = () => {
    const known = options.learned?.();
    return known && watchFrom(known) <= lastLook - started ? known : undefined;
  };
  let wake: ((at: number) => void) | undefined;
  const membership = joinKin(options.kin, schedule, started, learned, (at) => wake?.(at));
  const offset = membership?.offset ?? 0;
  let last = options.initial;
  let seenAt = last === undefined ? undefined : started;
  let delay = firstDelay(schedule, learned(), offset);
  // When the next poll is due (epoch ms).
  let next = started + delay;
  const report = progressReporter(options, started);
  const timedOut = () => timeoutError(options, deadline, last, seenAt);
  try {
    if (last !== undefined) {
      if (isDone(options, last)) return last;
      report(last);
    }
    for (;;) {
      const now = Date.now();
      if (now >= deadline) throw timedOut();
      // The schedule may want its next poll after the deadline (a learned time, a long gap): it looks
      // at the last moment that still leaves the poll time to be answered instead.
      const planned = await sleepUntil(Math.min(next, lastLook), (w) => (wake = w));
      const final = planned >= lastLook;
      try {
        // A poll (its retries and its turn in the pacer) never outlasts the wait itself.
        last = await withDeadline(deadline, options.poll);
        seenAt = Date.now();
      } catch (err) {
        reportFailedPoll(options, err);
        if (final) throw timedOut();
        delay = Math.min(schedule.maxDelayMs, delay * 2);
        next = Date.now() + delay;
        continue;
      }
      if (isDone(options, last)) return last;
      if (final) throw timedOut();
      report(last);
      // The schedule runs from when this poll was due, not from when its answer came: a poll held in
      // the pacer (under a rate limit) would otherwise push every later one back, off its phase. The
      // next one still leaves half a shortest gap after this answer.
      delay = nextDelay(schedule, planned - started, learned(), offset);
      next = Math.max(planned + delay, Date.now() + shortestGap(schedule) / 2);
    }
  } finally {
    membership?.leave();
  }
}

/**
 * Joins the wait's kin, if any. When another object of the kind settles after tookMs, ours may be
 * settled once it is about as old: it looks from where what its kind took says to look closely (that
 * one may have been seen late), at the latest once it is exactly as old.
 */
function joinKin(
  kin: WaitOptions<unknown>["kin"],
  schedule: PollSchedule,
  started: number,
  learned: () => LearnedDuration | undefined,
  wakeAt: (at: number) => void,
): ReturnType<WaitKin["join"]> | undefined {
  if (!kin) return undefined;
  const membership = kin.of.join(kin.group, (tookMs) => {
    const known = learned();
    const closely = known ? watchFrom(known) + membership.offset * closeGap(schedule, known) : tookMs;
    wakeAt(started + Math.min(tookMs, closely));
  });
  return membership;
}

/** A poll failed: rethrown unless it is only "no news yet", which is reported before trying again. */
function reportFailedPoll<T>(options: WaitOptions<T>, err: unknown): void {
  if (!options.isTransient?.(err)) throw err;
  options.onProgress?.(`waiting for ${options.description}: poll failed (${errorText(err)}), trying again`);
}

/** Whether the wait is over with `value`; throws a WaitFailedError when its phase is a failure. */
function isDone<T>(options: WaitOptions<T>, value: T): boolean {
  const verdict = options.judge(value);
  if (verdict === "fail")
    throw new WaitFailedError(`${options.description}: phase ${options.phaseOf(value)}`, value);
  return verdict === "done";
}

/** Reports each phase seen, and the same phase again every 30 s. */
function progressReporter<T>(options: WaitOptions<T>, started: number): (value: T) => void {
  let lastPhase: string | undefined;
  let lastReport = started;
  return (value) => {
    const phase = options.phaseOf(value);
    const now = Date.now();
    if (phase !== lastPhase || now - lastReport >= 30_000) {
      options.onProgress?.(
        `waiting for ${options.description}: ${phase} after ${Math.round((now - started) / 1000)}s`,
      );
      lastPhase = phase;
      lastReport = now;
    }
  };
}

/** The error of a wait that ran out of time: the phase last seen, and how long before the deadline. */
function timeoutError<T>(
  options: WaitOptions<T>,
  deadline: number,
  last: T | undefined,
  seenAt: number | undefined,
): WaitTimeoutError<T> {
  const phase = last === undefined ? "unknown" : options.phaseOf(last);
  const seen =
    seenAt === undefined
      ? "no poll was answered"
      : `last seen ${phase} ${(Math.max(0, deadline - seenAt) / 1000).toFixed(1)} s before the deadline`;
  return new WaitTimeoutError(
    `${options.description}: still ${phase} after ${Math.round(options.timeoutMs / 1000)}s (${seen})`,
    last,
  );
}

/**
 * How long before the deadline the last poll starts: the shortest gap between polls, so that the last
 * look falls within the last gap, but at most a quarter of the whole wait (a 1 s wait still polls
 * before its last 250 ms rather than once at its start).
 */
export function lastLookMs(schedule: PollSchedule, timeoutMs: number): number {
  return Math.min(shortestGap(schedule), timeoutMs / 4);
}

/** From when, after the start, a wait with this learned time polls closely. */
function watchFrom(learned: LearnedDuration): number {
  return 0.9 * learned.shortestMs;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The gap before the next poll, given how long we have waited so far and, once other waits of the type
 * have ended, what they took: before 90 % of the shortest, polls are saved (one at that point, or every
 * maxDelayMs); from there until 110 % of the longest (and one shortest gap more), they come every 5 %
 * of the shortest, at least half the shortest gap apart; then the usual schedule again. Every wait of
 * a mesh's wave then sees READY within a fraction of a second without each polling all along, which
 * under a rate limit would queue the polls themselves (bench P3). `offset` (a share of a gap, from
 * 0 to 1; see WaitKin) moves the close polls later by that share of their gap, so that waits with
 * different offsets interleave. A fixed interval stays as it is.
 */
export function nextDelay(
  schedule: PollSchedule,
  elapsedMs: number,
  learned?: LearnedDuration,
  offset = 0,
): number {
  if (schedule.fixedIntervalMs !== undefined) return schedule.fixedIntervalMs;
  const usual = Math.min(schedule.maxDelayMs, Math.max(shortestGap(schedule), elapsedMs * schedule.growth));
  if (!learned) return usual;
  const closeFrom = watchFrom(learned);
  const watchUntil = 1.1 * learned.longestMs + shortestGap(schedule);
  const close = Math.min(usual, closeGap(schedule, learned));
  if (elapsedMs + usual < closeFrom)
    return Math.min(schedule.maxDelayMs, closeFrom + offset * close - elapsedMs);
  if (elapsedMs < watchUntil) return close;
  return usual;
}

/**
 * The delay before the first poll: the first delay, or later when other waits of the type took longer;
 * `offset` moves it later by that share of the gap that follows it (see nextDelay).
 */
export function firstDelay(schedule: PollSchedule, learned?: LearnedDuration, offset = 0): number {
  if (schedule.fixedIntervalMs !== undefined) return schedule.initialDelayMs;
  if (!learned) return schedule.initialDelayMs + offset * shortestGap(schedule);
  const close = Math.min(schedule.maxDelayMs, closeGap(schedule, learned));
  const first = Math.max(schedule.initialDelayMs, watchFrom(learned) + offset * close);
  return Math.min(schedule.maxDelayMs, first);
}

function shortestGap(schedule: PollSchedule): number {
  return schedule.minDelayMs ?? schedule.initialDelayMs;
}

/** The gap between the polls around a learned time. */
function closeGap(schedule: PollSchedule, learned: LearnedDuration): number {
  return Math.max(shortestGap(schedule) / 2, 0.05 * learned.shortestMs);
}

/**
 * The schedule with later gaps half as long: as short as half its first delay, and half its share of
 * the time waited (a fixed interval stays as it is).
 */
export function twiceAsOften(schedule: Partial<PollSchedule> | undefined): Partial<PollSchedule> {
  const full = { ...DEFAULT_POLL, ...schedule };
  return { ...full, minDelayMs: full.initialDelayMs / 2, growth: full.growth / 2 };
}
