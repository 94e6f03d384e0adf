import { BatchReader } from "../../provider/client/batch";

describe("BatchReader", () => {
  it("answers concurrent reads of different objects with one list call", async () => {
    const list = jest.fn(async () => [{ id: "a" }, { id: "b" }, { id: "c" }]);
    const direct = jest.fn(async () => ({ id: "never" }));
    const reader = new BatchReader(list, 500);
    const results = await Promise.all(["a", "b", "c"].map((id) => reader.get(id, direct)));
    expect(results.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(list).toHaveBeenCalledTimes(1);
    expect(direct).not.toHaveBeenCalled();
  });

  it("reads an object the list does not hold directly", async () => {
    const reader = new BatchReader(async () => [{ id: "a" }], 500);
    const direct = jest.fn(async () => ({ id: "new" }));
    await expect(reader.get("new", direct)).resolves.toEqual({ id: "new" });
    expect(direct).toHaveBeenCalledTimes(1);
  });

  it("reuses a snapshot younger than maxAgeMs and lists again after", async () => {
    let version = 0;
    const list = jest.fn(async () => [{ id: "a", version: ++version }]);
    const reader = new BatchReader(list, 50);
    const direct = async () => ({ id: "a", version: -1 });
    expect((await reader.get("a", direct)).version).toBe(1);
    expect((await reader.get("a", direct)).version).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect((await reader.get("a", direct)).version).toBe(2);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it("with maxAgeMs 0 every read lists anew: no list started before it can answer", async () => {
    const list = jest.fn(async () => [{ id: "a" }]);
    const reader = new BatchReader(list, 0);
    await Promise.all([reader.get("a", list as never), reader.get("a", list as never)]);
    await reader.get("a", list as never);
    expect(list).toHaveBeenCalledTimes(3);
  });

  it("passes a failed list on to every waiting read, then lists again", async () => {
    const list = jest
      .fn<Promise<{ id: string }[]>, []>()
      .mockRejectedValueOnce(new Error("503"))
      .mockResolvedValue([{ id: "a" }]);
    const reader = new BatchReader(list, 500);
    const direct = async () => ({ id: "x" });
    await expect(Promise.all([reader.get("a", direct), reader.get("a", direct)])).rejects.toThrow("503");
    await expect(reader.get("a", direct)).resolves.toEqual({ id: "a" });
  });
});

describe("BatchReader max age per call: a caller that asks for a fresh read never gets an older snapshot", () => {
  it("a read with max age 0 never gets a snapshot another caller took earlier", async () => {
    let version = 0;
    const list = jest.fn(async () => [{ id: "a", version: ++version }]);
    const reader = new BatchReader(list, 500);
    const direct = async () => ({ id: "a", version: -1 });
    expect((await reader.get("a", direct)).version).toBe(1);
    expect((await reader.get("a", direct, { maxAgeMs: 0 })).version).toBe(2);
    expect((await reader.get("a", direct)).version).toBe(2);
  });

  it("a read with max age 0 does not share a list that started before it", async () => {
    let release: () => void = () => undefined;
    let version = 0;
    const list = jest.fn(async () => {
      const mine = ++version;
      if (mine === 1) await new Promise<void>((r) => (release = r));
      return [{ id: "a", version: mine }];
    });
    const reader = new BatchReader(list, 500);
    const direct = async () => ({ id: "a", version: -1 });
    const first = reader.get("a", direct);
    await new Promise((r) => setTimeout(r, 5));
    const fresh = reader.get("a", direct, { maxAgeMs: 0 });
    release();
    expect((await first).version).toBe(1);
    expect((await fresh).version).toBe(2);
  });
});

describe("BatchReader notBefore: a snapshot is shared only if its list started late enough, and still shared then", () => {
  it("shares a snapshot only when its list started at or after notBefore", async () => {
    let version = 0;
    const list = jest.fn(async () => [{ id: "a", version: ++version }]);
    const reader = new BatchReader(list, 500);
    const direct = async () => ({ id: "a", version: -1 });
    expect((await reader.get("a", direct)).version).toBe(1);
    const wroteAt = Date.now() + 1;
    await new Promise((r) => setTimeout(r, 5));
    expect((await reader.get("a", direct, { maxAgeMs: 500, notBefore: wroteAt })).version).toBe(2);
    expect((await reader.get("a", direct, { maxAgeMs: 500, notBefore: wroteAt })).version).toBe(2);
    expect(list).toHaveBeenCalledTimes(2);
  });
});

describe("BatchReader: a list still queued is shared (bench P3)", () => {
  /** A list that stays queued (not sent) until `send()` and answers with its version once sent. */
  function queuedList() {
    let version = 0;
    const queue: (() => void)[] = [];
    const list = jest.fn(async (sent?: () => void) => {
      const mine = ++version;
      await new Promise<void>((resolve) => queue.push(resolve));
      sent?.();
      return [{ id: "a", version: mine }];
    });
    const sendAll = () => queue.splice(0).forEach((send) => send());
    return { list, sendAll };
  }
  const direct = async () => ({ id: "a", version: -1 });

  it("a caller that needs a list newer than a write made after the queued list's call joins it", async () => {
    const { list, sendAll } = queuedList();
    const reader = new BatchReader(list, 500, { tellsWhenSent: true });
    const first = reader.get("a", direct);
    await new Promise((r) => setTimeout(r, 5));
    // A write completed after the first list was called, but before it left: it will see the write.
    const wroteAt = Date.now();
    const second = reader.get("a", direct, { maxAgeMs: 500, notBefore: wroteAt });
    sendAll();
    expect((await first).version).toBe(1);
    expect((await second).version).toBe(1);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it("a caller older than maxAgeMs allows still joins a list that has not left yet", async () => {
    const { list, sendAll } = queuedList();
    const reader = new BatchReader(list, 20, { tellsWhenSent: true });
    const first = reader.get("a", direct);
    await new Promise((r) => setTimeout(r, 40));
    const second = reader.get("a", direct);
    sendAll();
    expect((await second).version).toBe((await first).version);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it("once sent, a list that left before a write does not answer a caller that needs the write", async () => {
    const { list, sendAll } = queuedList();
    const reader = new BatchReader(list, 500, { tellsWhenSent: true });
    const first = reader.get("a", direct);
    sendAll();
    await first;
    await new Promise((r) => setTimeout(r, 5));
    const second = reader.get("a", direct, { maxAgeMs: 500, notBefore: Date.now() });
    sendAll();
    expect((await second).version).toBe(2);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it("a reader whose list does not say when it left counts each list from its call, as before", async () => {
    const { list, sendAll } = queuedList();
    const reader = new BatchReader(list, 500);
    const first = reader.get("a", direct);
    await new Promise((r) => setTimeout(r, 5));
    const second = reader.get("a", direct, { maxAgeMs: 500, notBefore: Date.now() });
    sendAll();
    expect((await first).version).toBe(1);
    expect((await second).version).toBe(2);
  });

  it("answers from a recent list at hand rather than wait for a queued one", async () => {
    const { list, sendAll } = queuedList();
    const reader = new BatchReader(list, 500, { tellsWhenSent: true });
    const first = reader.get("a", direct);
    sendAll();
    expect((await first).version).toBe(1);
    // A poll that needs something fresher queues a second list, which the pacer holds back...
    const fresher = reader.get("a", direct, { maxAgeMs: 500, notBefore: Date.now() + 1 });
    // ...while a caller content with the first one gets it at once, without waiting for the queue.
    expect((await reader.get("a", direct)).version).toBe(1);
    sendAll();
    expect((await fresher).version).toBe(2);
  });

  it("a more urgent caller joining a queued list takes its turn up with it", async () => {
    const urgencies: (() => string)[] = [];
    const list = jest.fn(async (sent: () => void, urgency: () => string) => {
      urgencies.push(urgency);
      sent();
      return [{ id: "a" }];
    });
    const reader = new BatchReader(list, 500, { tellsWhenSent: true });
    const poll = reader.get("a", direct, { maxAgeMs: 500, notBefore: 0, urgency: "poll" });
    expect(urgencies[0]()).toBe("poll");
    const read = reader.get("a", direct, { maxAgeMs: 500, notBefore: 0, urgency: "read" });
    expect(urgencies[0]()).toBe("read");
    // A less urgent one leaves it as it is.
    void reader.get("a", direct, { maxAgeMs: 500, notBefore: 0, urgency: "poll" });
    expect(urgencies[0]()).toBe("read");
    await Promise.all([poll, read]);
    expect(list).toHaveBeenCalledTimes(1);
  });
});
