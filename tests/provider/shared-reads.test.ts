/**
 * The reads the waits, the pre-POST snapshot and the endpoint preflight share, counted against a real
 * emulator: a list still queued in the pacer answers every caller that arrives meanwhile, and a write
 * in one environment does not make the lists of another too old (bench P3, a mesh under a rate limit).
 */
import { pacerFor } from "../../provider/client/pacer";
import { Harness, ORIGIN, startHarness, TARGET } from "./harness";

const SERVICE_LIST = "GET /networking/v1/network-link-services";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.reset();
  // Whatever an earlier test listed is too old for this one.
  await later(600);
  await h.admin.resetCounters();
});

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listCalls = async (route: string) => (await h.admin.counters()).byRoute[route] ?? 0;

it("polls that arrive while the pacer holds a list back all share that one list", async () => {
  const service = await h.client.createService({
    spec: { ...TARGET, accept: { environments: [], networks: [] } },
  });
  await h.admin.resetCounters();
  // As under a rate limit: nothing leaves for 900 ms, while waits keep polling every 200 ms.
  pacerFor(h.client.http.identity).hold(900);
  const polls: Promise<unknown>[] = [];
  for (let i = 0; i < 4; i++) {
    polls.push(h.client.poll("service", TARGET.environment.id, service.id));
    await later(200);
  }
  await Promise.all(polls);
  // The poll made 600 ms after the first would not share a list called that long ago, but that list
  // had not left: the server reads it after both.
  expect(await listCalls(SERVICE_LIST)).toBe(1);
});

it("a write in one environment leaves the shared list of another environment fresh", async () => {
  await h.client.snapshot("service", ORIGIN.environment.id);
  await h.client.createService({ spec: { ...TARGET, accept: { environments: [], networks: [] } } });
  // The pre-POST snapshot of a create in ORIGIN: the new service in TARGET cannot be in it.
  await h.client.snapshot("service", ORIGIN.environment.id);
  expect(await listCalls(SERVICE_LIST)).toBe(1);
});

const SECOND_TARGET_NETWORK = { id: "n-aaaaa2" };

it("a create in one slot leaves the pre-POST snapshot of another slot of the environment shared", async () => {
  const otherSlot = { network: SECOND_TARGET_NETWORK.id };
  await h.client.snapshot("service", TARGET.environment.id, otherSlot);
  await h.client.createService({ spec: { ...TARGET, accept: { environments: [], networks: [] } } });
  // A mesh: the next service create, in the environment's other network, needs no list of its own.
  await h.client.snapshot("service", TARGET.environment.id, otherSlot);
  expect(await listCalls(SERVICE_LIST)).toBe(1);
});

it("a create in the same slot makes the next snapshot of that slot list again, and hold it", async () => {
  const slot = { network: TARGET.network.id };
  await h.client.snapshot("service", TARGET.environment.id, slot);
  const service = await h.client.createService({
    spec: { ...TARGET, accept: { environments: [], networks: [] } },
  });
  const listed = await h.client.snapshot("service", TARGET.environment.id, slot);
  expect(listed.map((s) => s.id)).toContain(service.id);
  expect(await listCalls(SERVICE_LIST)).toBe(2);
});

it("any write in the environment still makes a snapshot without a slot list again", async () => {
  await h.client.snapshot("service", TARGET.environment.id);
  await h.client.createService({
    spec: { ...TARGET, network: SECOND_TARGET_NETWORK, accept: { environments: [], networks: [] } },
  });
  await h.client.snapshot("service", TARGET.environment.id);
  expect(await listCalls(SERVICE_LIST)).toBe(2);
});
