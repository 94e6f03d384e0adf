/**
 * Issue 26 item 3: the rate-limit headers are the server's word, and a gateway can send anything. For
 * every malformed or hostile value, the wait it causes ends by the request's bound (its budget or its
 * operation's deadline, whichever is first), and a value that means nothing causes no wait at all.
 */
import { headerNumber, MAX_HOLD_MS, Pacer } from "../../provider/client/pacer";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** When (ms after the answer) a write asked for right after it starts, bounded at `bound` ms. */
async function startsAfter(pacer: Pacer, bound: number): Promise<number> {
  const t0 = Date.now();
  let at: number | undefined;
  void pacer.acquire("write", t0 + bound).then(() => (at = Date.now() - t0));
  for (let step = 0; at === undefined && step < bound + 10; step += 1) await jest.advanceTimersByTimeAsync(1);
  return at ?? Infinity;
}

const BOUND = 5_000;
const HTTP_DATE = "Wed, 21 Oct 2015 07:28:00 GMT";

// [what, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, earliest start, latest start]
const rows: [string, string | undefined, string | undefined, string | undefined, number, number][] = [
  ["sane: budget left", "10", "5", "1", 0, 1],
  ["sane: nothing left, reset in 1 s", "10", "0", "1", 1_000, 1_001],
  [
    "negative remaining: read as nothing left, the refill of one request at 10/s",
    "10",
    "-5",
    undefined,
    200,
    201,
  ],
  ["hugely negative remaining, limit 1", "1", "-1e12", undefined, 1_000, 1_001],
  ["remaining above the limit", "10", "1e9", undefined, 0, 1],
  ["fractional limit and remaining", "2.5", "0.5", undefined, 600, 601],
  ["limit below one request per second", "0.5", "0", "30", 0, 1],
  ["huge limit, budget left", "1e308", "1e308", "1e9", 0, 1],
  ["huge limit, nothing left, reset 1e9: held, but only until the bound", "1e308", "0", "1e9", BOUND, BOUND],
  ["negative remaining, reset 1e9: held only until the bound", "10", "-1", "1e9", BOUND, BOUND],
  ["limit that overflows to Infinity", "1e400", "0", "30", 0, 1],
  ["NaN limit", "NaN", "0", "30", 0, 1],
  ["non-numeric remaining", "10", "abc", "30", 0, 1],
  ["hexadecimal remaining", "10", "0x0", "30", 0, 1],
  ["empty remaining (not zero)", "10", "", "30", 0, 1],
  ["empty limit", "", "0", "30", 0, 1],
  ["absent remaining", "10", undefined, "30", 0, 1],
  ["absent everything", undefined, undefined, undefined, 0, 1],
  ["negative reset: no hold, the refill only", "10", "0", "-5", 200, 201],
  ["fractional reset", "10", "0", "0.5", 500, 501],
  ["tiny reset", "10", "0", "1e-9", 200, 201],
  ["HTTP-date reset: not seconds, no hold", "10", "0", HTTP_DATE, 200, 201],
  ["Infinity reset", "10", "0", "Infinity", 200, 201],
  ["empty reset", "10", "0", "", 200, 201],
];

describe.each(rows)("X-RateLimit headers: %s", (_what, limit, remaining, reset, earliest, latest) => {
  it(`a request starts between ${earliest} and ${latest} ms later (bound ${BOUND} ms)`, async () => {
    const pacer = new Pacer();
    pacer.observe(limit, remaining, reset);
    const at = await startsAfter(pacer, BOUND);
    expect(at).toBeGreaterThanOrEqual(earliest);
    expect(at).toBeLessThanOrEqual(latest);
  });
});

describe("a hold however long (a 429's Retry-After, a reset) ends at each request's own bound", () => {
  it.each([
    ["a hold past the cap", 1e12],
    ["a hold of the cap", MAX_HOLD_MS],
    ["an infinite hold", Infinity],
  ])("%s", async (_what, ms) => {
    const pacer = new Pacer();
    pacer.answered();
    pacer.hold(ms);
    expect(await startsAfter(pacer, 300)).toBe(300);
  });

  it.each([
    ["NaN", NaN],
    ["negative", -5_000],
    ["zero", 0],
  ])("a %s hold holds nothing", async (_what, ms) => {
    const pacer = new Pacer();
    pacer.answered();
    pacer.hold(ms);
    expect(await startsAfter(pacer, 300)).toBeLessThanOrEqual(1);
  });
});

describe("headerNumber", () => {
  it.each([
    ["12", 12],
    [" 0.5 ", 0.5],
    ["-3", -3],
    ["1e3", 1000],
    [".5", 0.5],
    ["", undefined],
    ["  ", undefined],
    ["abc", undefined],
    ["0x10", undefined],
    ["NaN", undefined],
    ["Infinity", undefined],
    ["1e400", undefined],
    [HTTP_DATE, undefined],
    ["1,5", undefined],
    [undefined, undefined],
  ])("%j is %p", (value, number) => {
    expect(headerNumber(value)).toBe(number);
  });
});
