/**
 * Reading what another stack manages, through the real engine against the emulator: the static
 * `get` of both resources (the dynamic-provider host reads with the inputs of a user-driven Get),
 * the lookup functions by ID and by network, and `isInstance`. Destroying the reading stack leaves
 * the objects alone.
 * Needs `npm run build` first (the serialized providers load `pulumi-confluent-network-link/runtime`).
 */
import {
  getNetworkLinkEndpoint,
  getNetworkLinkService,
  NetworkLinkEndpoint,
  NetworkLinkService,
} from "../../provider";
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(300_000);

const TARGET = { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } };
const ORIGIN = { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb1" } };

let e2e: E2e;
let owned: { service: string; endpoint: string };

beforeAll(async () => {
  e2e = await startE2e();
  const owner = await e2e.stack(async () => {
    const service = new NetworkLinkService("target", {
      ...TARGET,
      description: "owned by the other team",
      accept: { networks: [ORIGIN.network.id] },
    });
    const endpoint = new NetworkLinkEndpoint("origin", { ...ORIGIN, networkLinkService: service });
    return { service: service.id, endpoint: endpoint.id };
  });
  await owner.up();
  owned = (await owner.outputs()) as typeof owned;
});
afterAll(() => e2e?.close());

describe("a stack that only reads the other team's side", () => {
  it("gets both resources and looks them up by ID and by network, all READY", async () => {
    const reader = await e2e.stack(async () => {
      const service = NetworkLinkService.get("their-service", owned.service, {
        environment: TARGET.environment,
      });
      const endpoint = NetworkLinkEndpoint.get("their-endpoint", owned.endpoint, {
        environment: ORIGIN.environment,
      });
      const byId = await getNetworkLinkService({ environment: TARGET.environment, id: owned.service });
      const byNetwork = await getNetworkLinkService({ ...TARGET });
      const endpointByNetwork = await getNetworkLinkEndpoint({
        ...ORIGIN,
        networkLinkService: { id: owned.service },
      });
      const endpointById = await getNetworkLinkEndpoint({
        environment: ORIGIN.environment,
        id: owned.endpoint,
      });
      return {
        got: {
          serviceId: service.id,
          serviceNetwork: service.network,
          accept: service.accept,
          description: service.description,
          servicePhase: service.phase,
          endpointId: endpoint.id,
          endpointService: endpoint.networkLinkService.id,
          endpointPhase: endpoint.phase,
        },
        isInstance: {
          serviceIsService: NetworkLinkService.isInstance(service),
          serviceIsEndpoint: NetworkLinkEndpoint.isInstance(service),
          endpointIsService: NetworkLinkService.isInstance(endpoint),
          endpointIsEndpoint: NetworkLinkEndpoint.isInstance(endpoint),
          plainObjectIsService: NetworkLinkService.isInstance({ id: owned.service }),
        },
        byId,
        byNetwork,
        endpointByNetwork,
        endpointById,
      };
    });
    const up = await reader.up();
    expect(up.summary.result).toBe("succeeded");
    // A get is a read: nothing is created.
    expect(up.summary.resourceChanges).toEqual({ create: 1 }); // the stack itself

    const out = await reader.outputs();
    expect(out.got).toEqual({
      serviceId: owned.service,
      serviceNetwork: TARGET.network,
      accept: { environments: [], networks: [ORIGIN.network.id] },
      description: "owned by the other team",
      servicePhase: "READY",
      endpointId: owned.endpoint,
      endpointService: owned.service,
      endpointPhase: "READY",
    });
    expect(out.isInstance).toEqual({
      serviceIsService: true,
      serviceIsEndpoint: false,
      endpointIsService: false,
      endpointIsEndpoint: true,
      plainObjectIsService: false,
    });
    const service = {
      id: owned.service,
      displayName: "target",
      description: "owned by the other team",
      environment: TARGET.environment,
      network: TARGET.network,
      networks: [TARGET.network],
      accept: { environments: [], networks: [ORIGIN.network.id] },
      resourceName: expect.stringContaining(`network-link-service=${owned.service}`),
      phase: "READY",
    };
    expect(out.byId).toEqual(service);
    expect(out.byNetwork).toEqual(service);
    const endpoint = {
      id: owned.endpoint,
      displayName: "origin",
      description: "",
      environment: ORIGIN.environment,
      network: ORIGIN.network,
      networkLinkService: { id: owned.service },
      networks: [ORIGIN.network],
      networkLinkServices: [{ id: owned.service }],
      resourceName: expect.stringContaining(`network-link-endpoint=${owned.endpoint}`),
      phase: "READY",
    };
    expect(out.endpointByNetwork).toEqual(endpoint);
    expect(out.endpointById).toEqual(endpoint);

    // The state records both as read, not managed; refresh and destroy leave the objects alone.
    const { deployment } = await reader.exportState();
    const read = (deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    expect(read.map((r) => [r.id, r.external]).sort()).toEqual([
      [owned.endpoint, true],
      [owned.service, true],
    ]);
    await reader.preview({ expectNoChanges: true });
    await reader.destroy();
    const state = await e2e.admin.state();
    expect(state.services.map((s) => s.id)).toEqual([owned.service]);
    expect(state.endpoints.map((e) => e.id)).toEqual([owned.endpoint]);
  });
});

describe("lookups called directly (credentials from named environment variables)", () => {
  const credentials = { apiKeyEnv: "LOOKUP_TEST_KEY", apiSecretEnv: "LOOKUP_TEST_SECRET" };
  beforeAll(() => {
    process.env.CONFLUENT_CLOUD_ENDPOINT = e2e.emulator.url;
    process.env.LOOKUP_TEST_KEY = DEFAULT_CREDENTIALS.key;
    process.env.LOOKUP_TEST_SECRET = DEFAULT_CREDENTIALS.secret;
  });
  afterAll(() => {
    for (const name of ["CONFLUENT_CLOUD_ENDPOINT", "LOOKUP_TEST_KEY", "LOOKUP_TEST_SECRET"])
      delete process.env[name];
  });

  it("finds the endpoint by network alone when the network holds one", async () => {
    const found = await getNetworkLinkEndpoint({ ...ORIGIN, credentials });
    expect([found.id, found.phase]).toEqual([owned.endpoint, "READY"]);
  });

  it("fails naming what it looked for when nothing matches", async () => {
    await expect(
      getNetworkLinkService({ environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb2" }, credentials }),
    ).rejects.toThrow("getNetworkLinkService: nothing found for network n-bbbbb2 in environment env-bbbbb1");
  });

  it("rejects ambiguous or incomplete arguments before any API call", async () => {
    await expect(getNetworkLinkService({ ...TARGET, id: owned.service, credentials })).rejects.toThrow(
      "getNetworkLinkService: give exactly one of id, network or displayName (got 2), besides environment",
    );
    await expect(getNetworkLinkEndpoint({ environment: ORIGIN.environment, credentials })).rejects.toThrow(
      "getNetworkLinkEndpoint: give exactly one of id or network",
    );
    await expect(
      getNetworkLinkService({ environment: { id: "aaaaa1" }, id: owned.service, credentials }),
    ).rejects.toThrow('getNetworkLinkService: environment must be { id: "env-…" }, got {"id":"aaaaa1"}');
  });

  it("names the variables to set when the named credentials are missing", async () => {
    await expect(
      getNetworkLinkService({
        ...TARGET,
        credentials: { apiKeyEnv: "LOOKUP_TEST_UNSET_KEY", apiSecretEnv: "LOOKUP_TEST_SECRET" },
      }),
    ).rejects.toThrow("the API key is not set: export LOOKUP_TEST_UNSET_KEY");
  });

  it("a wrong key is refused by the API (the named variables are what is used)", async () => {
    process.env.LOOKUP_TEST_WRONG = "not-the-secret";
    await expect(
      getNetworkLinkService({
        ...TARGET,
        credentials: { ...credentials, apiSecretEnv: "LOOKUP_TEST_WRONG" },
      }),
    ).rejects.toThrow(/401/);
    delete process.env.LOOKUP_TEST_WRONG;
  });
});
