import { NetworkLinkEndpointProvider } from "../../provider/lifecycle/endpoint-spec";
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";
import { offlineContext } from "../support/offline-context";

const service = {
  environment: { id: "env-target1" },
  network: { id: "n-target1" },
  displayName: "target-service",
  accept: { environments: ["env-origin1"], networks: ["n-origin1"] },
};

const endpoint = {
  environment: { id: "env-origin1" },
  network: { id: "n-origin1" },
  networkLinkService: { id: "nls-abc123" },
  displayName: "origin-endpoint",
};

type Case = [string, Record<string, unknown>, string, string];

/** The engine is told the top-level property; the reason starts with the full path. */
const topLevel = (path: string) => path.split(/[.[]/)[0];

const serviceCases: Case[] = [
  ["environment missing", { environment: undefined }, "environment", "environment is required"],
  ["environment not an object", { environment: "env-target1" }, "environment", "environment is required"],
  ["environment id missing", { environment: {} }, "environment.id", "ID of a Confluent Cloud environment"],
  [
    "environment id wrong prefix",
    { environment: { id: "n-target1" } },
    "environment.id",
    "must be an environment ID like 'env-abc123', got 'n-target1'",
  ],
  ["environment id upper case", { environment: { id: "env-ABC" } }, "environment.id", "got 'env-ABC'"],
  ["environment id empty", { environment: { id: "" } }, "environment.id", "must be an environment ID"],
  [
    "environment id a number",
    { environment: { id: 42 } },
    "environment.id",
    "ID of a Confluent Cloud environment",
  ],
  ["network missing", { network: undefined }, "network", "network is required"],
  ["network id missing", { network: {} }, "network.id", "ID of a Confluent Cloud network"],
  [
    "network id wrong prefix",
    { network: { id: "env-target1" } },
    "network.id",
    "must be a network ID like 'n-abc123', got 'env-target1'",
  ],
  ["network id with spaces", { network: { id: "n-abc 123" } }, "network.id", "must be a network ID"],
  ["displayName empty", { displayName: "" }, "displayName", "must not be empty"],
  ["displayName blank", { displayName: "   " }, "displayName", "must not be empty"],
  ["displayName too long", { displayName: "x".repeat(256) }, "displayName", "at most 255 characters"],
  ["displayName a number", { displayName: 7 }, "displayName", "must be a string"],
  ["description too long", { description: "x".repeat(256) }, "description", "at most 255 characters"],
  ["description not a string", { description: ["a"] }, "description", "must be a string"],
  [
    "accept environments not a list",
    { accept: { environments: "env-origin1" } },
    "accept.environments",
    "must be a list of environment IDs",
  ],
  [
    "accept environment bad id",
    { accept: { environments: ["n-origin1"] } },
    "accept.environments[0]",
    "must be an environment ID",
  ],
  [
    "accept environment duplicate",
    { accept: { environments: ["env-a1", "env-a1"] } },
    "accept.environments[1]",
    "lists 'env-a1' twice",
  ],
  [
    "accept network bad id",
    { accept: { networks: ["env-origin1"] } },
    "accept.networks[0]",
    "must be a network ID",
  ],
  [
    "accept network duplicate",
    { accept: { networks: ["n-b1", "n-c1", "n-b1"] } },
    "accept.networks[2]",
    "lists 'n-b1' twice",
  ],
  [
    "adoptExistingId wrong prefix",
    { adoptExistingId: "nle-abc123" },
    "adoptExistingId",
    "must be a network link service ID like 'nls-abc123'",
  ],
  ["readyTimeoutSeconds zero", { readyTimeoutSeconds: 0 }, "readyTimeoutSeconds", "at least 1 second"],
  [
    "readyTimeoutSeconds fraction",
    { readyTimeoutSeconds: 1.5 },
    "readyTimeoutSeconds",
    "whole number of seconds",
  ],
  [
    "readyTimeoutSeconds too big",
    { readyTimeoutSeconds: 100_000 },
    "readyTimeoutSeconds",
    "at most 86400 seconds",
  ],
  [
    "deleteTimeoutSeconds a string",
    { deleteTimeoutSeconds: "60" },
    "deleteTimeoutSeconds",
    "must be a number of seconds",
  ],
];

const endpointCases: Case[] = [
  ["environment missing", { environment: undefined }, "environment", "the environment of the origin network"],
  [
    "environment id wrong prefix",
    { environment: { id: "nls-abc123" } },
    "environment.id",
    "must be an environment ID like 'env-abc123', got 'nls-abc123'",
  ],
  ["network missing", { network: undefined }, "network", "the origin network that hosts the endpoint"],
  [
    "network id wrong prefix",
    { network: { id: "x-1" } },
    "network.id",
    "must be a network ID like 'n-abc123', got 'x-1'",
  ],
  [
    "service missing",
    { networkLinkService: undefined },
    "networkLinkService",
    "the NetworkLinkService resource",
  ],
  ["service id missing", { networkLinkService: {} }, "networkLinkService.id", "ID of a network link service"],
  [
    "service id wrong prefix",
    { networkLinkService: { id: "nle-abc123" } },
    "networkLinkService.id",
    "must be a network link service ID like 'nls-abc123', got 'nle-abc123'",
  ],
  [
    "service environment wrong prefix",
    { networkLinkService: { id: "nls-abc123", environment: "n-1" } },
    "networkLinkService.environment",
    "must be an environment ID",
  ],
  [
    "service network wrong prefix",
    { networkLinkService: { id: "nls-abc123", network: "env-1" } },
    "networkLinkService.network",
    "must be a network ID",
  ],
  [
    "service in the endpoint's own network",
    { networkLinkService: { id: "nls-abc123", network: "n-origin1" } },
    "networkLinkService.network",
    "is the endpoint's own network n-origin1",
  ],
  ["displayName empty", { displayName: "" }, "displayName", "must not be empty"],
  ["displayName too long", { displayName: "y".repeat(300) }, "displayName", "at most 255 characters"],
  ["description too long", { description: "y".repeat(2000) }, "description", "at most 255 characters"],
  [
    "allowPendingAccept a string",
    { allowPendingAccept: "yes" },
    "allowPendingAccept",
    "must be true or false",
  ],
  [
    "adoptExistingId wrong prefix",
    { adoptExistingId: "nls-abc123" },
    "adoptExistingId",
    "must be a network link endpoint ID like 'nle-abc123'",
  ],
  ["readyTimeoutSeconds negative", { readyTimeoutSeconds: -5 }, "readyTimeoutSeconds", "at least 1 second"],
  [
    "deleteTimeoutSeconds fraction",
    { deleteTimeoutSeconds: 0.5 },
    "deleteTimeoutSeconds",
    "whole number of seconds",
  ],
];

describe("NetworkLinkService check", () => {
  const provider = new NetworkLinkServiceProvider(offlineContext());

  it("accepts valid inputs unchanged", async () => {
    const result = await provider.check({}, { ...service, __provider: "serialized" });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject(service);
    expect(result.inputs).not.toHaveProperty("__provider");
  });

  it.each(serviceCases)("rejects %s", async (_name, change, path, reason) => {
    const result = await provider.check({}, { ...service, ...change });
    expect(result.failures).toContainEqual({
      property: topLevel(path),
      reason: expect.stringContaining(reason),
    });
    expect(result.failures?.some((f) => f.reason.startsWith(`${path} `))).toBe(true);
  });

  it("warns at preview when an accept entry is removed", async () => {
    const context = offlineContext();
    await new NetworkLinkServiceProvider(context).check(
      { ...service, accept: { environments: ["env-origin1"], networks: ["n-origin1", "n-origin2"] } },
      service,
    );
    expect(context.messages).toEqual([
      expect.stringMatching(/^warn: Removing n-origin2 from the accept list.*DISCONNECTED/),
    ]);
  });
});

describe("NetworkLinkEndpoint check", () => {
  const provider = new NetworkLinkEndpointProvider(offlineContext());

  it("accepts valid inputs", async () => {
    const result = await provider.check({}, { ...endpoint, allowPendingAccept: true });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject(endpoint);
  });

  it.each(endpointCases)("rejects %s", async (_name, change, path, reason) => {
    const result = await provider.check({}, { ...endpoint, ...change });
    expect(result.failures).toContainEqual({
      property: topLevel(path),
      reason: expect.stringContaining(reason),
    });
    expect(result.failures?.some((f) => f.reason.startsWith(`${path} `))).toBe(true);
  });
});

describe("values not known yet (preview)", () => {
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

  it("an endpoint whose service is still to be created passes, keeping the unknown ID", async () => {
    const news = { ...endpoint, networkLinkService: { id: UNKNOWN, environment: UNKNOWN, network: UNKNOWN } };
    const result = await new NetworkLinkEndpointProvider(offlineContext()).check({}, news);
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.networkLinkService.id).toBe(UNKNOWN);
  });

  it("an unknown accept list passes, and a known bad entry beside an unknown one still fails", async () => {
    const provider = new NetworkLinkServiceProvider(offlineContext());
    expect(
      (await provider.check({}, { ...service, accept: { environments: UNKNOWN } })).failures,
    ).toBeUndefined();
    expect(
      (await provider.check({}, { ...service, accept: { environments: [UNKNOWN, UNKNOWN] } })).failures,
    ).toBeUndefined();
    const mixed = await provider.check(
      {},
      { ...service, accept: { environments: [UNKNOWN], networks: ["bad"] } },
    );
    expect(mixed.failures).toEqual([
      { property: "accept", reason: expect.stringContaining("accept.networks[0] must be a network ID") },
    ]);
  });

  it("a known bad field still fails when another field is unknown", async () => {
    const news = { ...endpoint, network: { id: "bad" }, networkLinkService: { id: UNKNOWN } };
    const result = await new NetworkLinkEndpointProvider(offlineContext()).check({}, news);
    expect(result.failures).toEqual([
      { property: "network", reason: expect.stringContaining("network.id must be a network ID") },
    ]);
  });
});

test("the tables hold at least 40 bad inputs", () => {
  expect(serviceCases.length + endpointCases.length).toBeGreaterThanOrEqual(40);
});
