/**
 * Issue 26 item 7: processes sharing one API key each pace with their own Pacer against the one budget
 * the server keeps (the emulator's token bucket, `Faults.rate`). Each estimate must follow what the
 * server says, so that together they rarely get a 429, and still use the budget.
 */
import { Faults } from "../../emulator/faults";
import { Pacer, Urgency } from "../../provider/client/pacer";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const LATENCY_MS = 5;

interface Outcome {
  throttled: number;
  sent: number;
  seconds: number;
}

/**
 * One request of a process as the client sends it: a turn in its pacer, the server's answer after the
 * latency (its headers observed), and on a 429 a hold of its Retry-After and another try.
 */
async function send(pacer: Pacer, server: Faults, urgency: Urgency, outcome: Outcome): Promise<void> {
  for (;;) {
    await pacer.acquire(urgency, Date.now() + 60_000);
    await new Promise((r) => setTimeout(r, LATENCY_MS));
    const answer = server.rate(Date.now());
    outcome.sent += 1;
    const h = answer.headers;
    pacer.observe(h["x-ratelimit-limit"], h["x-ratelimit-remaining"], h["x-ratelimit-reset"]);
    if (answer.allowed) return;
    outcome.throttled += 1;
    pacer.hold(answer.retryAfter * 1000);
    await new Promise((r) => setTimeout(r, answer.retryAfter * 1000));
  }
}

/** `processes` pacers, each sending `each` requests two at a time, against `perSecond` requests/s shared. */
async function run(processes: number, each: number, perSecond: number, urgency: Urgency): Promise<Outcome> {
  const server = new Faults({ requestsPerSecond: perSecond });
  const outcome: Outcome = { throttled: 0, sent: 0, seconds: 0 };
  const t0 = Date.now();
  const process = async () => {
    const pacer = new Pacer();
    let left = each;
    const worker = async () => {
      while (left > 0) {
        left -= 1;
        await send(pacer, server, urgency, outcome);
      }
    };
    await Promise.all([worker(), worker()]);
  };
  const all = Promise.all(Array.from({ length: processes }, process));
  let done = false;
  void all.then(() => (done = true));
  while (!done) await jest.advanceTimersByTimeAsync(10);
  outcome.seconds = (Date.now() - t0) / 1000;
  return outcome;
}

// [processes, requests each, requests/s shared, urgency, most 429s]. Before the estimate followed the
// server (each refilled at the full rate): 0, 13, 51 and 36 answers 429.
const rows: [number, number, number, Urgency, number][] = [
  [1, 30, 5, "write", 0],
  [2, 20, 5, "write", 2],
  [4, 15, 5, "write", 12],
  [4, 15, 5, "poll", 4],
];

describe.each(rows)(
  "%i processes x %i requests at %i/s shared (%s)",
  (processes, each, perSecond, urgency, most) => {
    it(`get at most ${most} answers 429 and still use most of the budget`, async () => {
      const outcome = await run(processes, each, perSecond, urgency);
      expect(outcome.throttled).toBeLessThanOrEqual(most);
      // The budget (one second's worth at the start, then the rate) fits them in this long; 2x of it at most.
      const needed = (processes * each - perSecond) / perSecond;
      expect(outcome.seconds).toBeLessThanOrEqual(Math.max(1, needed) * 2);
    });
  },
);
