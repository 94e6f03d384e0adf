/**
 * The client checks every ID before it builds a path from it, against a real emulator: a value that
 * is not an ID of the kind sends nothing and fails naming the kind (issue 14).
 */
import { Harness, ORIGIN, startHarness, TARGET } from "../support/provider-emulator";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.reset();
  h.context.messages.length = 0;
});

describe("IDs are checked before a path is built", () => {
  it.each(["..", ".", "nls-a/../x", "", "nls-UPPER"])("delete(%j) sends nothing", async (id) => {
    await h.admin.resetCounters();
    await expect(h.client.remove("service", TARGET.environment.id, id)).rejects.toThrow(
      /not a network link service ID/,
    );
    await expect(h.client.read("endpoint", ORIGIN.environment.id, id)).rejects.toThrow(
      /not a network link endpoint ID/,
    );
    expect((await h.admin.counters()).total).toBe(0);
  });

  it("an environment that is not an environment ID is refused too", async () => {
    await expect(h.client.read("service", "env-a&x=1", "nls-abc123")).rejects.toThrow(
      /not an environment ID/,
    );
  });
});
