import { DEFAULT_POLL, nextDelay, waitFor, WaitFailedError, WaitTimeoutError } from "../../provider/wait";

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
