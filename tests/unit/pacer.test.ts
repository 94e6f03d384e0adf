import { Pacer } from "../../provider/client/pacer";

const order = async (pacer: Pacer, requests: boolean[]) => {
  const started: { index: number; at: number }[] = [];
  const t0 = Date.now();
  await Promise.all(
    requests.map((write, index) =>
      pacer.acquire(write).then(() => started.push({ index, at: Date.now() - t0 })),
    ),
  );
  return started;
};

describe("Pacer", () => {
  it("lets everything through while no limit is known", async () => {
    const started = await order(new Pacer(), [false, false, false, false]);
    expect(started).toHaveLength(4);
    expect(Math.max(...started.map((s) => s.at))).toBeLessThan(50);
  });

  it("paces to the advertised limit once the remaining budget is spent", async () => {
    const pacer = new Pacer();
    pacer.observe("20", "0");
    const started = await order(pacer, [false, false, false]);
    // 20 per second: one token every 50 ms.
    expect(started[2].at).toBeGreaterThanOrEqual(100);
  });

  it("starts waiting writes before waiting polls", async () => {
    const pacer = new Pacer();
    pacer.observe("20", "0");
    const started = await order(pacer, [false, false, true]);
    expect(started[0].index).toBe(2);
  });

  it("holds everything after a 429 until its Retry-After has passed", async () => {
    const pacer = new Pacer();
    pacer.hold(120);
    const started = await order(pacer, [true, false]);
    expect(Math.min(...started.map((s) => s.at))).toBeGreaterThanOrEqual(110);
  });
});

describe("Pacer bounds (defect 9)", () => {
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
    const done = settled(pacer.acquire(false, Date.now() + 2_000));
    await jest.advanceTimersByTimeAsync(2_100);
    expect(done()).toBe(true);
    // No busy loop: at most one timer is pending afterwards.
    expect(jest.getTimerCount()).toBeLessThanOrEqual(1);
  });

  it("honours X-RateLimit-Reset when nothing remains", async () => {
    const pacer = new Pacer();
    pacer.observe("10", "0", "3");
    const done = settled(pacer.acquire(true));
    await jest.advanceTimersByTimeAsync(2_500);
    expect(done()).toBe(false);
    await jest.advanceTimersByTimeAsync(700);
    expect(done()).toBe(true);
  });

  it("does not wait for an absurd reset beyond the longest hold", async () => {
    const pacer = new Pacer();
    pacer.observe("10", "0", "1e12");
    const done = settled(pacer.acquire(true));
    await jest.advanceTimersByTimeAsync(61_000);
    expect(done()).toBe(true);
  });

  it("keeps the last request of the budget, so the server never answers Remaining 0 and a Reset to wait for", async () => {
    const pacer = new Pacer();
    // 5 per second, 4 left: 3 go now, the fourth when the refill allows (200 ms), not at once.
    pacer.observe("5", "4", "1");
    const done = [0, 1, 2, 3].map(() => settled(pacer.acquire(false)));
    await jest.advanceTimersByTimeAsync(1);
    expect(done.map((d) => d())).toEqual([true, true, true, false]);
    await jest.advanceTimersByTimeAsync(200);
    expect(done[3]()).toBe(true);
  });

  it("spends the whole budget when the limit is a single request", async () => {
    const pacer = new Pacer();
    pacer.observe("1", "1", "1");
    const done = settled(pacer.acquire(false));
    await jest.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });
});
