import { currentDeadline } from "../../provider/client/deadline";
import {
  DEFAULT_POLL,
  firstDelay,
  lastLookMs,
  nextDelay,
  phase,
  twiceAsOften,
  waitFor,
  WaitFailedError,
  WaitKin,
  WaitTimeoutError,
} from "../../provider/wait";

describe("nextDelay", () => {
  it.each([
    [0, 1000],
    [5_000, 1000],
    [10_000, 1500],
    [40_000, 6000],
    [600_000, 10_000],
  ])("after %i ms waits %i ms", (elapsed, delay) => {
    expect(nextDelay(DEFAULT_POLL, elapsed)).toBe(delay);
  });

  it("keeps the overshoot under 15% of the provisioning time once past the first polls", () => {
    for (const elapsed of [20_000, 60_000, 300_000]) {
      expect(nextDelay(DEFAULT_POLL, elapsed) / elapsed).toBeLessThanOrEqual(0.15);
    }
  });

  it("uses a fixed interval when one is set", () => {
    expect(nextDelay({ ...DEFAULT_POLL, fixedIntervalMs: 60_000 }, 1_000)).toBe(60_000);
  });
});

describe("nextDelay around what earlier waits of the kind took", () => {
  const learned = { shortestMs: 5_000, longestMs: 5_400 };

  it("saves the polls before 90% of the shortest: the first comes at that point", () => {
    expect(firstDelay(DEFAULT_POLL, learned)).toBe(4_500);
    expect(nextDelay(DEFAULT_POLL, 1_000, learned)).toBe(3_500);
  });

  it("polls every 5% of the shortest, at least half the shortest gap apart, until 110% of the longest", () => {
    expect(nextDelay(DEFAULT_POLL, 4_500, learned)).toBe(500);
    expect(nextDelay(twiceAsOften(DEFAULT_POLL) as typeof DEFAULT_POLL, 4_500, learned)).toBe(250);
    // Past 110% of the longest and one gap more: the usual schedule (15% of the time waited).
    expect(nextDelay(DEFAULT_POLL, 7_000, learned)).toBe(1_050);
  });

  it("never waits longer than maxDelayMs, however long the others took", () => {
    const slow = { shortestMs: 600_000, longestMs: 900_000 };
    expect(firstDelay(DEFAULT_POLL, slow)).toBe(DEFAULT_POLL.maxDelayMs);
    expect(nextDelay(DEFAULT_POLL, 30_000, slow)).toBe(DEFAULT_POLL.maxDelayMs);
  });

  it("changes nothing before anything was learned, or for a fixed interval", () => {
    expect(firstDelay(DEFAULT_POLL)).toBe(1_000);
    expect(nextDelay(DEFAULT_POLL, 4_500)).toBe(1_000);
    const fixed = { ...DEFAULT_POLL, fixedIntervalMs: 60_000 };
    expect(firstDelay(fixed, learned)).toBe(1_000);
    expect(nextDelay(fixed, 4_500, learned)).toBe(60_000);
  });

  it("twiceAsOften halves the shortest gap and the share of the time waited", () => {
    expect(twiceAsOften(undefined)).toMatchObject({ minDelayMs: 500, growth: 0.075, initialDelayMs: 1_000 });
  });
});

describe("waitFor", () => {
  const fast = { initialDelayMs: 5, growth: 0, maxDelayMs: 5 };

  it("returns once the phase is done and reports each new phase", async () => {
    const phases = ["PROVISIONING", "PROVISIONING", "READY"];
    const progress: string[] = [];
    const result = await waitFor({
      description: "thing",
      poll: async () => phases.shift() as string,
      judge: (p) => (p === "READY" ? "done" : "wait"),
      phaseOf: (p) => p,
      timeoutMs: 5_000,
      schedule: fast,
      onProgress: (m) => progress.push(m),
    });
    expect(result).toBe("READY");
    expect(progress).toEqual([expect.stringMatching(/^waiting for thing: PROVISIONING after \d+s$/)]);
  });

  it("does not poll when the initial value is already done", async () => {
    const poll = jest.fn();
    await waitFor({
      description: "x",
      initial: "READY",
      poll,
      judge: () => "done",
      phaseOf: (p) => p,
      timeoutMs: 1000,
    });
    expect(poll).not.toHaveBeenCalled();
  });

  it("fails with the last value on a failure phase", async () => {
    const wait = waitFor({
      description: "x",
      poll: async () => "FAILED",
      judge: (p) => (p === "FAILED" ? "fail" : "wait"),
      phaseOf: (p) => p,
      timeoutMs: 1000,
      schedule: fast,
    });
    await expect(wait).rejects.toBeInstanceOf(WaitFailedError);
    await expect(wait).rejects.toThrow("x: phase FAILED");
  });

  it("times out with the phase it was stuck in", async () => {
    const wait = waitFor({
      description: "x",
      poll: async () => "PENDING_ACCEPT",
      judge: () => "wait",
      phaseOf: (p) => p,
      timeoutMs: 50,
      schedule: fast,
    });
    await expect(wait).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(wait).rejects.toThrow("x: still PENDING_ACCEPT after 0s");
  });

  it("rides out a transient poll failure and keeps polling", async () => {
    const answers: (string | Error)[] = [new Error("429"), "PROVISIONING", new Error("503"), "READY"];
    const progress: string[] = [];
    const result = await waitFor({
      description: "x",
      poll: async () => {
        const next = answers.shift() as string | Error;
        if (next instanceof Error) throw next;
        return next;
      },
      judge: (p) => (p === "READY" ? "done" : "wait"),
      phaseOf: (p) => p,
      timeoutMs: 5_000,
      schedule: fast,
      isTransient: () => true,
      onProgress: (m) => progress.push(m),
    });
    expect(result).toBe("READY");
    expect(progress.filter((m) => m.includes("poll failed"))).toHaveLength(2);
  });

  it("fails at once on a poll error that is not transient", async () => {
    const wait = waitFor({
      description: "x",
      poll: async () => {
        throw new Error("403 forbidden");
      },
      judge: () => "wait",
      phaseOf: (p: string) => p,
      timeoutMs: 5_000,
      schedule: fast,
      isTransient: () => false,
    });
    await expect(wait).rejects.toThrow("403 forbidden");
  });
});

describe("waitFor with what earlier waits took", () => {
  it("polls a few times around the learned time instead of all along", async () => {
    let polls = 0;
    const readyAt = Date.now() + 200;
    const value = await waitFor({
      description: "thing",
      poll: async () => (polls++, Date.now() >= readyAt ? "READY" : "PROVISIONING"),
      judge: (p) => (p === "READY" ? "done" : "wait"),
      phaseOf: (p) => p,
      timeoutMs: 5_000,
      schedule: { initialDelayMs: 10, growth: 0, maxDelayMs: 1_000 },
      learned: () => ({ shortestMs: 200, longestMs: 200 }),
    });
    expect(value).toBe("READY");
    // Every 10 ms from the start would be about 20 polls; from 180 ms on, every 10 ms: a handful.
    expect(polls).toBeLessThanOrEqual(6);
  });
});

describe("waitFor keeps to its schedule when a poll is held", () => {
  /** When each poll started (ms after the wait): 300 ms gaps, the first poll held `holdMs`. */
  async function pollsWithFirstHeld(holdMs: number, readyAtPoll: number): Promise<number[]> {
    const started = Date.now();
    const polls: number[] = [];
    await waitFor({
      description: "thing",
      poll: async () => {
        polls.push(Date.now() - started);
        if (polls.length === 1) await new Promise((resolve) => setTimeout(resolve, holdMs));
        return polls.length >= readyAtPoll ? "READY" : "PROVISIONING";
      },
      judge: (p) => (p === "READY" ? "done" : "wait"),
      phaseOf: (p) => p,
      timeoutMs: 5_000,
      schedule: { initialDelayMs: 300, growth: 0, maxDelayMs: 300 },
    });
    return polls;
  }

  it("the next poll is due a gap after the held one was due, not a gap after its answer", async () => {
    // A poll held 100 ms (its turn in the pacer under a rate limit) used to push every later poll back
    // by as much: 300, 700, 1000 ms instead of 300, 600, 900 ms, off the phase the wait was given.
    const polls = await pollsWithFirstHeld(100, 3);
    expect(polls[1]).toBeGreaterThanOrEqual(595);
    expect(polls[1]).toBeLessThan(670);
    expect(polls[2]).toBeGreaterThanOrEqual(895);
    expect(polls[2]).toBeLessThan(970);
  });

  it("still leaves half a gap after an answer that came later than the next poll was due", async () => {
    // Answered at 700 ms, past the 600 ms the next poll was due: it comes 150 ms after the answer.
    const polls = await pollsWithFirstHeld(400, 2);
    expect(polls[1]).toBeGreaterThanOrEqual(845);
    expect(polls[1]).toBeLessThan(920);
  });
});

describe("waits of one kind, side by side", () => {
  it("phases halve the gaps left by the ones before", () => {
    expect([0, 1, 2, 3, 4, 5].map(phase)).toEqual([0, 0.5, 0.25, 0.75, 0.125, 0.625]);
  });

  it("a group keeps one phase; other groups take the free ones, and a phase is free again once left", () => {
    const kin = new WaitKin();
    const a = kin.join("env-a", () => {});
    const b = kin.join("env-b", () => {});
    const a2 = kin.join("env-a", () => {});
    const c = kin.join("env-c", () => {});
    expect([a.offset, b.offset, a2.offset, c.offset]).toEqual([0, 0.5, 0, 0.25]);
    b.leave();
    expect(kin.join("env-d", () => {}).offset).toBe(0.5);
  });

  it("the offset moves the first poll and the close polls, by that share of their gap", () => {
    const schedule = { ...DEFAULT_POLL };
    expect(firstDelay(schedule, undefined, 0.5)).toBe(1_500);
    const learned = { shortestMs: 20_000, longestMs: 20_000 };
    // Close polls from 90 % of 8 s, every 500 ms (half the shortest gap; 5 % would be 400 ms).
    expect(firstDelay(schedule, { shortestMs: 8_000, longestMs: 8_000 }, 0.5)).toBe(7_200 + 250);
    // Close polls every 5 % of 20 s (1 s) from 18 s: offset by half of that.
    expect(nextDelay(schedule, 10_000, learned, 0.5)).toBe(8_500);
    expect(nextDelay(schedule, 18_500, learned, 0.5)).toBe(1_000);
  });

  it("two objects created together: the second is seen settled as soon as the first is, and earlier than without", async () => {
    const gap = 400;
    const readyAfter = 1_300;
    // Polls at 400, 800, 1200, 1600 ms: without phases both see READY at 1600 ms.
    const schedule = { initialDelayMs: gap, growth: 0, maxDelayMs: gap };
    const kin = new WaitKin();
    let learnedMs: number | undefined;
    const started = Date.now();
    const wait = async (group: string) => {
      const polls: number[] = [];
      await waitFor({
        description: group,
        poll: async () => (
          polls.push(Date.now() - started),
          Date.now() - started >= readyAfter ? "READY" : "WAIT"
        ),
        judge: (p) => (p === "READY" ? "done" : "wait"),
        phaseOf: (p) => p,
        timeoutMs: 10_000,
        schedule,
        learned: () =>
          learnedMs === undefined ? undefined : { shortestMs: learnedMs, longestMs: learnedMs },
        kin: { of: kin, group },
      });
      // As noteSettled does: what it took, then the news.
      learnedMs ??= Date.now() - started;
      kin.wake(Date.now() - started);
      return { done: Date.now() - started, polls };
    };
    const [a, b] = await Promise.all([wait("env-a"), wait("env-b")]);
    // b polls half a gap later (600, 1000, 1400 ms) and sees READY at 1400 ms; a looks again at once.
    expect(b.polls[0]).toBeGreaterThanOrEqual(gap * 1.5);
    expect(Math.max(a.done, b.done)).toBeLessThan(readyAfter + gap - 100);
    expect(Math.abs(a.done - b.done)).toBeLessThan(100);
    expect(a.polls.length + b.polls.length).toBeLessThanOrEqual(7);
  });
});

describe("a wait told that another of its kind settled", () => {
  /**
   * One wait that, left alone, would first poll after 2 s; 100 ms in, another of its kind settles
   * after `tookMs` (and, as noteSettled does, what its kind took becomes `learnedMs`). When it polled.
   */
  async function pollsWhenWoken(tookMs: number, learnedMs?: number): Promise<number[]> {
    const kin = new WaitKin();
    const polls: number[] = [];
    const known: { ms?: number } = {};
    const started = Date.now();
    const wait = waitFor({
      description: "thing",
      poll: async () => (polls.push(Date.now() - started), "READY"),
      judge: (p) => (p === "READY" ? "done" : "wait"),
      phaseOf: (p) => p,
      timeoutMs: 10_000,
      schedule: { initialDelayMs: 2_000, growth: 0, maxDelayMs: 2_000 },
      learned: () => (known.ms === undefined ? undefined : { shortestMs: known.ms, longestMs: known.ms }),
      kin: { of: kin, group: "env-a" },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    known.ms = learnedMs;
    kin.wake(tookMs);
    await wait;
    return polls;
  }

  it("looks when its own object is as old, not at once and not at its next scheduled poll", async () => {
    // Another object of the kind, created about when ours was, settled after 600 ms.
    const polls = await pollsWhenWoken(600);
    expect(polls).toHaveLength(1);
    expect(polls[0]).toBeGreaterThanOrEqual(600);
    expect(polls[0]).toBeLessThan(900);
  });

  it("looks from where the learned time says to look closely: the settled one may have been seen late", async () => {
    // Another took 1 s (seen READY then), so ours is watched from 90 % of that.
    const polls = await pollsWhenWoken(1_000, 1_000);
    expect(polls).toHaveLength(1);
    expect(polls[0]).toBeGreaterThanOrEqual(900);
    expect(polls[0]).toBeLessThan(990);
  });
});

describe("waitFor looks before it gives up (issue 26 item 2)", () => {
  const timeoutMs = 400;
  it.each([
    ["a learned time past the deadline", { initialDelayMs: 1_000, growth: 0.15, maxDelayMs: 10_000 }, 12_000],
    ["a learned time just past the last look", { initialDelayMs: 50, growth: 0, maxDelayMs: 10_000 }, 400],
    [
      "a fixed interval longer than the wait",
      { initialDelayMs: 50, growth: 0, maxDelayMs: 60_000, fixedIntervalMs: 60_000 },
      undefined,
    ],
    [
      "a first delay longer than the wait",
      { initialDelayMs: 5_000, growth: 0, maxDelayMs: 5_000 },
      undefined,
    ],
    ["a short schedule", { initialDelayMs: 30, growth: 0, maxDelayMs: 30 }, undefined],
  ])(
    "with %s, the last poll starts within the last gap and its timeout says when",
    async (_name, schedule, learnedMs) => {
      const polls: number[] = [];
      const started = Date.now();
      const err = await waitFor({
        description: "thing",
        initial: "PROVISIONING",
        poll: async () => (polls.push(Date.now() - started), "PROVISIONING"),
        judge: () => "wait",
        phaseOf: (p) => p,
        timeoutMs,
        schedule,
        learned:
          learnedMs === undefined ? undefined : () => ({ shortestMs: learnedMs, longestMs: learnedMs }),
      }).catch((e) => e);
      expect(err).toBeInstanceOf(WaitTimeoutError);
      const gap = lastLookMs({ ...DEFAULT_POLL, ...schedule }, timeoutMs);
      const final = polls[polls.length - 1];
      expect(final).toBeGreaterThanOrEqual(timeoutMs - gap - 5);
      expect(final).toBeLessThan(timeoutMs);
      expect(err.message).toMatch(
        /^thing: still PROVISIONING after 0s \(last seen PROVISIONING 0\.\d s before the deadline\)$/,
      );
    },
  );

  it("a poll that the deadline refuses is not the last look: the one before it is early enough", async () => {
    // As the HTTP client does: a request made at or after the operation's deadline fails at once.
    const started = Date.now();
    const value = await waitFor({
      description: "thing",
      initial: "PROVISIONING",
      poll: async () => {
        const deadline = currentDeadline();
        if (deadline !== undefined && Date.now() >= deadline) throw new Error("out of time");
        return Date.now() - started >= 100 ? "READY" : "PROVISIONING";
      },
      judge: (p) => (p === "READY" ? "done" : "wait"),
      phaseOf: (p) => p,
      timeoutMs: 500,
      schedule: { initialDelayMs: 100, growth: 0.15, maxDelayMs: 10_000 },
      isTransient: () => true,
      // Learned 2.4 times the deadline, READY at a fifth of it (12 s, 5 s and 2 s, scaled).
      learned: () => ({ shortestMs: 1_200, longestMs: 1_200 }),
    });
    expect(value).toBe("READY");
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("a wait whose every poll failed says so", async () => {
    const err = await waitFor({
      description: "thing",
      poll: async () => {
        throw new Error("503");
      },
      judge: () => "wait",
      phaseOf: (p: string) => p,
      timeoutMs: 100,
      schedule: { initialDelayMs: 10, growth: 0, maxDelayMs: 10 },
      isTransient: () => true,
    }).catch((e) => e);
    expect(err.message).toBe("thing: still unknown after 0s (no poll was answered)");
  });
});
