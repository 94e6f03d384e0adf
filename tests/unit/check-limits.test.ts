/**
 * Issue 26 item 6: every limit the API states on an input is checked at preview, by both front doors
 * (the dynamic resources' providers and the native provider, which share the lifecycle's check). For
 * each limit, a value at the limit passes and one over it fails, naming the property, the API's limit
 * and what was given. Before this, accept lists over 1000 IDs passed check and failed at `up`.
 */
import { NetworkLinkEndpointProvider } from "../../provider/lifecycle/endpoint-spec";
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";
import { LIMITS } from "../../provider/lifecycle/validation";
import { NativeProvider } from "../../provider/native/provider";
import { TOKENS } from "../../provider/native/schema";
import { NetworkingClient } from "../../provider/client/networking";
import type { ProviderContext } from "../../provider/lifecycle/provider-context";
import {
  DEFAULT_CREDENTIALS,
  DEFAULT_SEED,
  startEmulator,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { offlineContext } from "../support/offline-context";

type Inputs = Record<string, unknown>;
type Kind = "service" | "endpoint";

const service: Inputs = {
  environment: { id: "env-target1" },
  network: { id: "n-target1" },
  displayName: "target-service",
  accept: { environments: ["env-origin1"], networks: [] },
};
const endpoint: Inputs = {
  environment: { id: "env-origin1" },
  network: { id: "n-origin1" },
  networkLinkService: { id: "nls-abc123", environment: "env-target1", network: "n-target1" },
  displayName: "origin-endpoint",
};

/** An ID of `length` characters with this prefix. */
const id = (prefix: string, length: number) => prefix + "a".repeat(length - prefix.length);
/** `count` distinct IDs with this prefix. */
const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i.toString(36)}x`);
const ID = LIMITS.idLength;
const ITEMS = LIMITS.acceptListItems;
const TEXT = LIMITS.descriptionLength;

interface Limit {
  kind: Kind;
  /** Which form of the value, when the path is in the table twice. */
  form?: string;
  /** Where the value goes: the reason starts with it. */
  path: string;
  /** The inputs changed to a value `size` long (characters or items). */
  at: (size: number) => Inputs;
  limit: number;
  /** What the reason says after the path, for a value one over the limit. */
  reason: string;
}

const idLimit = (kind: Kind, path: string, at: (size: number) => Inputs): Limit => ({
  kind,
  path,
  at,
  limit: ID,
  reason: `must be at most ${ID} characters (the API's limit for an ID); got ${ID + 1}`,
});
const textLimit = (kind: Kind, path: string, make: (n: number) => string): Limit => ({
  kind,
  path,
  at: (n) => ({ [path]: make(n) }),
  limit: TEXT,
  reason: `must be at most ${TEXT} characters (the API's limit); got ${TEXT + 1}`,
});
const service_ = (id: string) => ({ networkLinkService: { ...(endpoint.networkLinkService as Inputs), id } });

const LIMIT_TABLE: Limit[] = [
  idLimit("service", "environment.id", (n) => ({ environment: { id: id("env-", n) } })),
  idLimit("service", "network.id", (n) => ({ network: { id: id("n-", n) } })),
  { ...idLimit("service", "network.id", (n) => ({ network: { id: id("nr-", n) } })), form: "nr-" },
  idLimit("service", "accept.environments[0]", (n) => ({ accept: { environments: [id("env-", n)] } })),
  idLimit("service", "accept.networks[0]", (n) => ({ accept: { networks: [id("n-", n)] } })),
  idLimit("service", "adoptExistingId", (n) => ({ adoptExistingId: id("nls-", n) })),
  {
    kind: "service",
    path: "accept.environments",
    at: (n) => ({ accept: { environments: ids("env-", n), networks: [] } }),
    limit: ITEMS,
    reason: `must list at most ${ITEMS} environment IDs (the API's limit); got ${ITEMS + 1}: remove 1`,
  },
  {
    kind: "service",
    path: "accept.networks",
    at: (n) => ({ accept: { environments: [], networks: ids("n-", n) } }),
    limit: ITEMS,
    reason:
      `must list at most ${ITEMS} network IDs (the API's limit); got ${ITEMS + 1}: remove 1, or admit ` +
      `whole environments through accept.environments instead of listing each of their networks`,
  },
  textLimit("service", "displayName", (n) => "d".repeat(n)),
  textLimit("service", "description", (n) => "d".repeat(n)),
  // Characters, not UTF-16 units: as JSON Schema's maxLength and the emulator count them.
  {
    ...textLimit("service", "description", (n) => "é😀".repeat(n / 2) + (n % 2 ? "x" : "")),
    form: "characters beyond one UTF-16 unit",
  },
  idLimit("endpoint", "environment.id", (n) => ({ environment: { id: id("env-", n) } })),
  idLimit("endpoint", "network.id", (n) => ({ network: { id: id("n-", n) } })),
  idLimit("endpoint", "networkLinkService.id", (n) => service_(id("nls-", n))),
  idLimit("endpoint", "networkLinkService.environment", (n) => ({
    networkLinkService: { id: "nls-abc123", environment: id("env-", n) },
  })),
  idLimit("endpoint", "networkLinkService.network", (n) => ({
    networkLinkService: { id: "nls-abc123", network: id("n-", n) },
  })),
  idLimit("endpoint", "adoptExistingId", (n) => ({ adoptExistingId: id("nle-", n) })),
  textLimit("endpoint", "displayName", (n) => "e".repeat(n)),
  textLimit("endpoint", "description", (n) => "e".repeat(n)),
];

const BASE: Record<Kind, Inputs> = { service, endpoint };
const dynamic: Record<Kind, () => { check(olds: Inputs, news: Inputs): Promise<{ failures?: unknown }> }> = {
  service: () => new NetworkLinkServiceProvider(offlineContext()),
  endpoint: () => new NetworkLinkEndpointProvider(offlineContext()),
};

/** The native provider's check, as the engine calls it for a resource of a YAML program. */
function nativeCheck(kind: Kind, news: Inputs) {
  const provider = new NativeProvider(undefined);
  provider.configure({ apiKey: "k", apiSecret: "s", endpoint: "http://127.0.0.1:9" }, {});
  const urn = `urn:pulumi:dev::limits::${TOKENS[kind]}::${kind}`;
  return provider.check(urn, {}, news);
}

const topLevel = (path: string) => path.split(/[.[]/)[0];
const rows = LIMIT_TABLE.map(
  (row) => [`${row.kind} ${row.path}${row.form ? ` (${row.form})` : ""}`, row] as const,
);

describe.each([
  ["dynamic resources", (kind: Kind, news: Inputs) => dynamic[kind]().check({}, news)],
  ["native provider", nativeCheck],
])("%s: each limit of the API at preview", (_door, check) => {
  it.each(rows)("%s: at the limit passes", async (_name, row) => {
    const result = await check(row.kind, { ...BASE[row.kind], ...row.at(row.limit) });
    expect(result.failures ?? []).toEqual([]);
  });

  it.each(rows)("%s: one over fails, naming the property and the limit", async (_name, row) => {
    const result = await check(row.kind, { ...BASE[row.kind], ...row.at(row.limit + 1) });
    expect(result.failures).toEqual([{ property: topLevel(row.path), reason: `${row.path} ${row.reason}` }]);
  });
});

describe("accept lists at preview", () => {
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const services = () => new NetworkLinkServiceProvider(offlineContext());

  it("a list over the limit fails even while its items are unknown: its length is known", async () => {
    const over = await services().check(
      {},
      { ...service, accept: { networks: Array(ITEMS + 1).fill(UNKNOWN) } },
    );
    expect(over.failures).toEqual([
      {
        property: "accept",
        reason: expect.stringMatching(/^accept\.networks must list at most 1000 network IDs/),
      },
    ]);
    const at = await services().check({}, { ...service, accept: { networks: Array(ITEMS).fill(UNKNOWN) } });
    expect(at.failures).toBeUndefined();
  });

  it("a list far over the limit says how many to remove, without quoting the IDs", async () => {
    const networks = ids("n-", 2500);
    const { failures } = await services().check({}, { ...service, accept: { networks } });
    expect(failures).toHaveLength(1);
    expect((failures as { reason: string }[])[0].reason).toContain("got 2500: remove 1500");
    expect(JSON.stringify(failures)).not.toContain(networks[1]);
  });
});

/**
 * The limits are the API's, not stricter: every input at its limit is taken by the emulator (which
 * holds the spec's ID limit of 255 characters, the whole ID, and its own text and list limits).
 */
describe("the API takes each input at its limit", () => {
  const ENV = id("env-", ID);
  const TARGET = id("n-", ID);
  const ORIGIN = `nr-${"b".repeat(ID - 3)}`;
  let emulator: RunningEmulator;
  let context: ProviderContext;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: {
        ...DEFAULT_SEED,
        environments: [...DEFAULT_SEED.environments, { id: ENV, networks: [{ id: TARGET }, { id: ORIGIN }] }],
      },
      delays: { serviceProvisioningMs: 0, endpointProvisioningMs: 0, deprovisioningMs: 0 },
    });
    const client = new NetworkingClient({
      endpoint: emulator.url,
      apiKey: DEFAULT_CREDENTIALS.key,
      apiSecret: DEFAULT_CREDENTIALS.secret,
      userAgent: "check-limits",
      retry: { baseDelayMs: 10, maxDelayMs: 50, totalBudgetMs: 2_000 },
    });
    context = {
      client: () => client,
      info: () => undefined,
      warn: () => undefined,
      poll: { initialDelayMs: 5, growth: 0.1, maxDelayMs: 20 },
    };
  });
  afterAll(() => emulator?.close());

  it("a service and an endpoint with every ID, text and list at its limit are created", async () => {
    const services = new NetworkLinkServiceProvider(context);
    const endpoints = new NetworkLinkEndpointProvider(context);
    const checkedService = await services.check(
      {},
      {
        environment: { id: ENV },
        network: { id: TARGET },
        displayName: "s".repeat(TEXT),
        description: "é😀".repeat((TEXT - 1) / 2) + "x",
        accept: {
          environments: [ENV, ...ids("env-", ITEMS - 1)],
          networks: [ORIGIN, ...ids("n-", ITEMS - 1)],
        },
      },
    );
    expect(checkedService.failures).toBeUndefined();
    const made = await services.create(checkedService.inputs!);
    expect(made.outs?.phase).toBe("READY");

    const checkedEndpoint = await endpoints.check(
      {},
      {
        environment: { id: ENV },
        network: { id: ORIGIN },
        networkLinkService: { id: made.id, environment: ENV, network: TARGET },
        displayName: "e".repeat(TEXT),
        description: "e".repeat(TEXT),
      },
    );
    expect(checkedEndpoint.failures).toBeUndefined();
    const link = await endpoints.create(checkedEndpoint.inputs!);
    expect(link.outs?.phase).toBe("READY");

    await endpoints.delete(link.id, link.outs!);
    await services.delete(made.id, made.outs!);
  });

  it.each([
    ["service", id("nls-", ID), {}],
    ["endpoint", id("nle-", ID), { networkLinkService: { id: "nls-abc123" } }],
  ] as const)(
    "%s: adopting by an ID at the limit asks the API, which finds none",
    async (kind, adopt, own) => {
      const provider =
        kind === "service"
          ? new NetworkLinkServiceProvider(context)
          : new NetworkLinkEndpointProvider(context);
      const news = {
        environment: { id: ENV },
        network: { id: TARGET },
        displayName: "adopted",
        adoptExistingId: adopt,
      };
      const checked = await provider.check({}, { ...news, ...own });
      expect(checked.failures).toBeUndefined();
      await expect(provider.create(checked.inputs as never)).rejects.toThrow(
        `adoptExistingId: network link ${kind} ${adopt} was not found in environment ${ENV}`,
      );
    },
  );
});

test("the table covers every limit of LIMITS on the inputs", () => {
  const paths = new Set(LIMIT_TABLE.map((row) => row.path.replace(/\[0\]$/, "[i]")));
  for (const path of [
    "environment.id",
    "network.id",
    "accept.environments",
    "accept.networks",
    "accept.environments[i]",
    "accept.networks[i]",
    "adoptExistingId",
    "displayName",
    "description",
    "networkLinkService.id",
    "networkLinkService.environment",
  ]) {
    expect(paths).toContain(path);
  }
});
