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
