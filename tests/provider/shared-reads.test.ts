/**
 * The reads the waits, the pre-POST snapshot and the endpoint preflight share, counted against a real
 * emulator: a list still queued in the pacer answers every caller that arrives meanwhile, and a write
 * in one environment does not make the lists of another too old (bench P3, a mesh under a rate limit).
 */
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { pacerFor } from "../../provider/client/pacer";
import { endpointSpec } from "../../provider/lifecycle/endpoint-spec";
import { objectsBeforeCreate } from "../../provider/lifecycle/object-calls";
import { learnedDuration } from "../../provider/lifecycle/phase-waits";
import {
  endpointInputs,
  Harness,
  ORIGIN,
  serviceInputs,
  startHarness,
  TARGET,
} from "../support/provider-emulator";

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
  await h.client.snapshot("service", TARGET.environment.id, { slot: otherSlot });
  await h.client.createService({ spec: { ...TARGET, accept: { environments: [], networks: [] } } });
  // A mesh: the next service create, in the environment's other network, needs no list of its own.
  await h.client.snapshot("service", TARGET.environment.id, { slot: otherSlot });
  expect(await listCalls(SERVICE_LIST)).toBe(1);
});

it("a create in the same slot makes the next snapshot of that slot list again, and hold it", async () => {
  const slot = { network: TARGET.network.id };
  await h.client.snapshot("service", TARGET.environment.id, { slot });
  const service = await h.client.createService({
    spec: { ...TARGET, accept: { environments: [], networks: [] } },
  });
  const listed = await h.client.snapshot("service", TARGET.environment.id, { slot });
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

// Another stack or a person: requests that do not go through this process's client.
async function elsewhere(method: "POST" | "PATCH", path: string, body: object): Promise<{ id: string }> {
  const auth = Buffer.from(`${DEFAULT_CREDENTIALS.key}:${DEFAULT_CREDENTIALS.secret}`).toString("base64");
  const response = await fetch(`${h.emulator.url}/networking/v1/${path}`, {
    method,
    headers: { authorization: `Basic ${auth}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as { id: string };
}
const ENDPOINT_LIST = "GET /networking/v1/network-link-endpoints";

describe("the reads before an endpoint's POST", () => {
  it("an endpoint to a service this process made takes no list first: nothing can hold its slot yet", async () => {
    const service = await h.services.create(serviceInputs());
    await h.admin.resetCounters();
    const before = await objectsBeforeCreate(endpointSpec, h.client, endpointInputs(service.id) as never);
    expect(before).toEqual([]);
    expect(await listCalls(ENDPOINT_LIST)).toBe(0);
  });

  it("an endpoint to a service made elsewhere lists its slot first, and a lost POST never takes the endpoint there", async () => {
    const service = await elsewhere("POST", "network-link-services", {
      spec: { ...TARGET, display_name: "theirs", accept: { environments: [ORIGIN.environment.id] } },
    });
    await later(100);
    const theirs = await elsewhere("POST", "network-link-endpoints", {
      spec: { ...ORIGIN, display_name: "origin-endpoint", network_link_service: { id: service.id } },
    });
    await later(100);
    await h.admin.resetCounters();
    await h.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] } });
    const err = await h.endpoints.create(endpointInputs(service.id)).catch((e: Error) => e);
    expect((err as Error).message).toContain(`already has endpoint ${theirs.id}`);
    expect(await listCalls(ENDPOINT_LIST)).toBeGreaterThanOrEqual(1);
    expect((await h.admin.state()).endpoints.map((e) => e.id)).toEqual([theirs.id]);
  });

  it("an endpoint's service check lets it through on a list read after the service's create, seconds old", async () => {
    const service = await h.services.create(serviceInputs());
    // The list a wait of this process made once the service was READY; then the engine gets to the endpoint.
    await h.client.snapshot("service", TARGET.environment.id);
    await later(700);
    await h.admin.resetCounters();
    await h.endpoints.create(endpointInputs(service.id));
    expect(await listCalls(SERVICE_LIST)).toBe(0);
  });

  it("a list that says the service does not accept the endpoint is checked on a fresh list before refusing", async () => {
    const service = await h.services.create(serviceInputs({ accept: { environments: [], networks: [] } }));
    await h.client.snapshot("service", TARGET.environment.id);
    // Accepted since, by someone else: the list this process holds still says otherwise.
    await elsewhere("PATCH", `network-link-services/${service.id}`, {
      spec: { environment: TARGET.environment, accept: { environments: [ORIGIN.environment.id] } },
    });
    await h.admin.resetCounters();
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    expect(endpoint.outs?.phase).toBe("READY");
    expect(await listCalls(SERVICE_LIST)).toBe(1);
  });

  it("an endpoint created right after its service's accept update in the same process is admitted: the preflight reads the accept list as it is now", async () => {
    const service = await h.services.create(serviceInputs({ accept: { environments: [], networks: [] } }));
    // A wait elsewhere in the process has just listed the services (max age 500 ms).
    await h.client.poll("service", TARGET.environment.id, service.id);
    await h.services.update(service.id, service.outs!, serviceInputs());
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    expect(endpoint.outs).toMatchObject({ phase: "READY" });
  });
});

describe("what a create's wait took, for the waits after it", () => {
  it("a create that waited records its time for its kind and API; an adoption does not", async () => {
    const service = await h.services.create(serviceInputs());
    const before = learnedDuration(h.client.http.endpoint, "endpoint");
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    const learned = learnedDuration(h.client.http.endpoint, "endpoint");
    expect(learned?.shortestMs).toBeGreaterThan(0);
    expect(learned!.shortestMs).toBeLessThanOrEqual(Math.min(before?.shortestMs ?? Infinity, 10_000));
    // Adopting a READY endpoint waits for nothing: what it took says nothing about provisioning.
    await h.endpoints.create(endpointInputs(service.id, { adoptExistingId: endpoint.id }));
    expect(learnedDuration(h.client.http.endpoint, "endpoint")).toEqual(learned);
  });
});
