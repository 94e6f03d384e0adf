/**
 * How the create path relates the server's clock to ours (ServerClock) and judges an object found
 * after an unknown outcome (verdictOf), with a server clock minutes off ours.
 */
import { ServerClock } from "../../provider/client/server-clock";
import { verdictOf } from "../../provider/lifecycle/create-once";

const SKEW = 93_417; // the server runs 93.417 s ahead
const dateAt = (serverMs: number) => new Date(serverMs).toUTCString();

/** A request sent at local `sent`, answered by the server `rtt` ms later. */
function answer(clock: ServerClock, sent: number, rtt = 4) {
  clock.observeDate(dateAt(sent + SKEW + rtt / 2), sent, sent + rtt);
}

describe("ServerClock", () => {
  it("one Date header bounds the offset to about a second, and holds the truth", () => {
    const clock = new ServerClock();
    answer(clock, 1_700_000_000_250);
    expect(clock.low).toBeLessThanOrEqual(SKEW);
    expect(clock.high).toBeGreaterThanOrEqual(SKEW);
    expect(clock.width).toBeGreaterThan(900);
    expect(clock.width).toBeLessThan(1010);
  });

  it("answers timed by probeAt narrow it to the round trip within a few probes", () => {
    const clock = new ServerClock();
    let now = 1_700_000_000_250;
    answer(clock, now);
    for (let probe = 0; probe < 8; probe++) {
      now = Math.max(now + 1, clock.probeAt(now));
      answer(clock, now);
      expect(clock.low).toBeLessThanOrEqual(SKEW);
      expect(clock.high).toBeGreaterThanOrEqual(SKEW);
    }
    expect(clock.width).toBeLessThan(25);
  });

  it("a created_at taken in our request's flight bounds it to that flight", () => {
    const clock = new ServerClock();
    clock.observeInstant(1_700_000_000_000 + SKEW + 3, 1_700_000_000_000, 1_700_000_000_006);
    expect(clock.width).toBeLessThanOrEqual(6 + 4);
    expect(clock.localTimes(1_700_000_000_000 + SKEW)[0]).toBeLessThanOrEqual(1_700_000_000_000);
  });

  it("starts again when the bounds disagree (a clock was set)", () => {
    const clock = new ServerClock();
    clock.observeInstant(1000 + SKEW, 1000, 1004);
    clock.observeInstant(5000, 5000, 5004); // the server's clock now agrees with ours
    expect(clock.low).toBeLessThanOrEqual(0);
    expect(clock.high).toBeGreaterThanOrEqual(0);
  });
});

describe("verdictOf: an object found after our POST's outcome was unknown", () => {
  const clock = new ServerClock();
  clock.observeInstant(10_000 + SKEW, 10_000, 10_004); // offset known to within 4 ms (+ slack)
  const flights = [{ sent: 20_000, ended: 20_006 }];
  const made = (localMs: number | undefined) => ({
    id: "nls-x",
    spec: { environment: { id: "env-a" }, network: { id: "n-a" } },
    status: { phase: "READY" },
    metadata: localMs === undefined ? {} : { created_at: new Date(localMs + SKEW).toISOString() },
  });

  it.each([
    ["made during our POST's flight", 20_003, "ours"],
    ["made 300 ms after it (another stack, between our tries)", 20_306, "others"],
    ["made 40 ms after it", 20_046, "others"],
    ["made 2 s before our POST", 18_000, "others"],
    ["without created_at", undefined, "unsure"],
  ])("%s: %s", (_, at, verdict) => {
    expect(verdictOf(clock, made(at), flights)).toBe(verdict);
  });

  it("a clock known only to the second cannot tell: unsure", () => {
    const vague = new ServerClock();
    vague.observeDate(dateAt(20_500 + SKEW), 20_400, 20_410);
    expect(verdictOf(vague, made(20_003), flights)).toBe("unsure");
  });
});
