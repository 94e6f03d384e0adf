import { Pacer, Urgency } from "../../provider/client/pacer";

const order = async (pacer: Pacer, requests: Urgency[]) => {
  const started: { index: number; at: number }[] = [];
  const t0 = Date.now();
  await Promise.all(
    requests.map((urgency, index) =>
      pacer.acquire(urgency).then(() => started.push({ index, at: Date.now() - t0 })),
    ),
  );
  return started;
};

describe("Pacer", () => {
  it("lets everything through once an answer set no limit", async () => {
    const pacer = new Pacer();
    pacer.answered();
    const started = await order(pacer, ["poll", "poll", "poll", "poll"]);
    expect(started).toHaveLength(4);
    expect(Math.max(...started.map((s) => s.at))).toBeLessThan(50);
  });

  it("paces to the advertised limit once the remaining budget is spent", async () => {
    const pacer = new Pacer();
    pacer.observe("20", "0");
    const started = await order(pacer, ["poll", "poll", "poll"]);
    // 20 per second: one token every 50 ms.
    expect(started[2].at).toBeGreaterThanOrEqual(100);
  });

  it("starts waiting writes first, then reads, then polls", async () => {
    const pacer = new Pacer();
    pacer.observe("20", "0");
    const started = await order(pacer, ["poll", "read", "poll", "write", "read"]);
    expect(started.map((s) => s.index)).toEqual([3, 1, 4, 0, 2]);
  });

  it("asks a waiting request's urgency when its turn comes", async () => {
    const pacer = new Pacer();
    pacer.observe("20", "0");
    let joined: Urgency = "poll";
    const started: string[] = [];
    const first = pacer.acquire("read").then(() => started.push("read"));
    const list = pacer.acquire(() => joined).then(() => started.push("upgraded"));
    joined = "write";
    await Promise.all([first, list]);
    expect(started).toEqual(["upgraded", "read"]);
  });

  it("holds everything after a 429 until its Retry-After has passed", async () => {
    const pacer = new Pacer();
    pacer.hold(120);
    const started = await order(pacer, ["write", "poll"]);
    expect(Math.min(...started.map((s) => s.at))).toBeGreaterThanOrEqual(110);
  });
});

describe("Pacer, before the first answer", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    return () => done;
  };

  it("sends one request alone until an answer tells the limit, then paces the rest to it", async () => {
    const pacer = new Pacer();
    const done = [0, 1, 2, 3, 4, 5].map(() => settled(pacer.acquire("read")));
    await jest.advanceTimersByTimeAsync(1);
    expect(done.map((d) => d())).toEqual([true, false, false, false, false, false]);
    // 5 per second, 4 left after the first: 3 go at once (one is kept), then one per 200 ms.
    pacer.observe("5", "4", "1");
    await jest.advanceTimersByTimeAsync(1);
    expect(done.map((d) => d())).toEqual([true, true, true, true, false, false]);
    await jest.advanceTimersByTimeAsync(200);
    expect(done[4]()).toBe(true);
    expect(done[5]()).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(done[5]()).toBe(true);
  });

  it("lets the others go when the first answer carries no limit", async () => {
    const pacer = new Pacer();
    const done = [0, 1, 2].map(() => settled(pacer.acquire("read")));
    await jest.advanceTimersByTimeAsync(1);
    expect(done.map((d) => d())).toEqual([true, false, false]);
    pacer.observe(undefined, undefined);
    await jest.advanceTimersByTimeAsync(1);
    expect(done.map((d) => d())).toEqual([true, true, true]);
  });

  it("does not wait for a first answer that never comes beyond its bound", async () => {
    const pacer = new Pacer();
    const done = [0, 1].map(() => settled(pacer.acquire("write")));
    await jest.advanceTimersByTimeAsync(1_900);
    expect(done[1]()).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(done[1]()).toBe(true);
  });
});

describe("Pacer bounds: a hold ends by the caller's deadline or the longest hold, whatever the server advertises", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    return () => done;
  };

  it.each([
    ["0.05", "0"],
    ["1e-300", "0"],
    ["5e-324", "0"],
  ])("an advertised limit of %s never holds a request past its deadline", async (limit, remaining) => {
    const pacer = new Pacer();
    pacer.observe(limit, remaining);
    const done = settled(pacer.acquire("poll", Date.now() + 2_000));
    await jest.advanceTimersByTimeAsync(2_100);
    expect(done()).toBe(true);
    // No busy loop: at most one timer is pending afterwards.
    expect(jest.getTimerCount()).toBeLessThanOrEqual(1);
  });

  it("honours X-RateLimit-Reset when nothing remains", async () => {
    const pacer = new Pacer();
    pacer.observe("10", "0", "3");
    const done = settled(pacer.acquire("write"));
    await jest.advanceTimersByTimeAsync(2_500);
    expect(done()).toBe(false);
    await jest.advanceTimersByTimeAsync(700);
    expect(done()).toBe(true);
  });

  it("does not wait for an absurd reset beyond the longest hold", async () => {
    const pacer = new Pacer();
    pacer.observe("10", "0", "1e12");
    const done = settled(pacer.acquire("write"));
    await jest.advanceTimersByTimeAsync(61_000);
    expect(done()).toBe(true);
  });

  it("keeps the last request of the budget, so the server never answers Remaining 0 and a Reset to wait for", async () => {
    const pacer = new Pacer();
    // 5 per second, 4 left: 3 go now, the fourth when the refill allows (200 ms), not at once.
    pacer.observe("5", "4", "1");
    const done = [0, 1, 2, 3].map(() => settled(pacer.acquire("write")));
    await jest.advanceTimersByTimeAsync(1);
    expect(done.map((d) => d())).toEqual([true, true, true, false]);
    await jest.advanceTimersByTimeAsync(200);
    expect(done[3]()).toBe(true);
  });

  it("leaves a poll one more request than a write, so a write coming right after it starts at once", async () => {
    const pacer = new Pacer();
    pacer.observe("5", "3", "1");
    const polls = [0, 1, 2].map(() => settled(pacer.acquire("poll")));
    await jest.advanceTimersByTimeAsync(1);
    // 3 left: one poll goes (2 left), the next would leave only the kept one.
    expect(polls.map((d) => d())).toEqual([true, false, false]);
    const write = settled(pacer.acquire("write"));
    await jest.advanceTimersByTimeAsync(1);
    expect(write()).toBe(true);
  });

  it("spends the whole budget when the limit is a single request", async () => {
    const pacer = new Pacer();
    pacer.observe("1", "1", "1");
    const done = settled(pacer.acquire("poll"));
    await jest.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });
});

describe("Pacer, a budget shared with other processes", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const startedAt = async (pacer: Pacer, urgency: Urgency, bound = 5_000) => {
    const t0 = Date.now();
    let at: number | undefined;
    void pacer.acquire(urgency, t0 + bound).then(() => (at = Date.now() - t0));
    for (let step = 0; at === undefined && step < bound + 10; step += 1)
      await jest.advanceTimersByTimeAsync(1);
    return at ?? Infinity;
  };

  it("a poll yields while the server says little of the budget remains, until half of it is back", async () => {
    // 5 per second and 1 left (others spend it): a poll waits until 4 are back (0.6 s of refill), not 3 (0.4 s).
    const pacer = new Pacer();
    pacer.observe("5", "1", "1");
    const at = await startedAt(pacer, "poll");
    expect(at).toBeGreaterThanOrEqual(600);
    expect(at).toBeLessThanOrEqual(601);
  });

  it("a poll does not yield when the budget is low by our own requests alone", async () => {
    // 5 per second, 4 left; we send 3 writes and their answers count down to 1: nobody else spends.
    const pacer = new Pacer();
    pacer.observe("5", "4", "1");
    for (let i = 0; i < 3; i++) await pacer.acquire("write");
    for (const left of ["3", "2", "1"]) pacer.observe("5", left, "1");
    // A poll needs 3 (one for itself, two kept): 0.4 s of refill from 1, not the 0.6 s of a yield to 4.
    const at = await startedAt(pacer, "poll");
    expect(at).toBeGreaterThanOrEqual(399);
    expect(at).toBeLessThanOrEqual(401);
  });

  it("a poll yields when the server says less remains than our own requests account for", async () => {
    const pacer = new Pacer();
    pacer.observe("5", "4", "1");
    await pacer.acquire("write");
    // We took 1 of 4; the server says 1 left: others took 2.
    pacer.observe("5", "1", "1");
    const at = await startedAt(pacer, "poll");
    expect(at).toBeGreaterThanOrEqual(599);
    expect(at).toBeLessThanOrEqual(601);
  });

  it("a poll still yields once what others take is measured, and our own count matches the server's", async () => {
    // We send one request a second and others take the rest: each answer says 1 left. Our measure of
    // the refill that reaches us falls to 1 per second, and then the server's count is what we expect.
    const pacer = new Pacer();
    pacer.observe("5", "1", "1");
    for (let second = 0; second < 12; second++) {
      await jest.advanceTimersByTimeAsync(1_000);
      await pacer.acquire("write");
      pacer.observe("5", "1", "1");
    }
    // From 1 left at about 1 per second: 3 s to the 4 of a yield (2 s to the 3 of no yield).
    expect(await startedAt(pacer, "poll", 6_000)).toBeGreaterThanOrEqual(2_900);
  });

  it("a write does not yield: it goes as soon as the kept request allows", async () => {
    const pacer = new Pacer();
    pacer.observe("5", "1", "1");
    expect(await startedAt(pacer, "write")).toBeLessThanOrEqual(201);
  });

  it("a poll that yields still starts by its bound", async () => {
    const pacer = new Pacer();
    pacer.observe("5", "0", "1");
    expect(await startedAt(pacer, "poll", 300)).toBe(300);
  });

  it("a poll does not yield when the server says half the budget or more remains", async () => {
    const pacer = new Pacer();
    pacer.observe("10", "5", "1");
    expect(await startedAt(pacer, "poll")).toBeLessThanOrEqual(1);
  });
});
