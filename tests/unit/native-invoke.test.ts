import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type RunningEmulator } from "confluent-network-link-emulator";
import { NetworkingClient } from "../../provider/client/networking";
import { FUNCTION_TOKENS, functions } from "../../provider/native/function-schemas";
import { NativeProvider } from "../../provider/native/provider";
import { packageSchema } from "../../provider/native/schema";
import { markSecret } from "../../provider/native/secret-values";
import { listen } from "../../provider/native/server";
import { USER_AGENT } from "../../provider/version";
import { grpc, Struct } from "../../provider/native/sdk-runtime";

// The functions of the schema, invoked as the engine invokes them (a gRPC client of the plugin's
// server) against the emulator: each server is one provider instance, and its key is the one used.

const A = "env-aaaaa1";
const B = "env-bbbbb1";
const KEY_A = { key: "TEAM_A_KEY", secret: "team-a-secret-value", environments: [A] };
const KEY_B = { key: "TEAM_B_KEY", secret: "team-b-secret-value", environments: [B] };

let emulator: RunningEmulator;
let providerA: provrpc.ResourceProviderClient;
let providerB: provrpc.ResourceProviderClient;
const servers: { forceShutdown(): void }[] = [];
const clients: provrpc.ResourceProviderClient[] = [];
let service: string;
let twin: string;
let endpoint: string;

async function start(name: string, key: typeof KEY_A): Promise<provrpc.ResourceProviderClient> {
  const { port, server } = await listen(new NativeProvider(undefined), undefined);
  servers.push(server);
  const client = new provrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure() as never,
  );
  clients.push(client);
  const request = new provproto.ConfigureRequest();
  request.setUrn(`urn:pulumi:dev::proj::pulumi:providers:confluentnetworklink::${name}`);
  request.setId(`${name}-id`);
  const args = { apiKey: key.key, apiSecret: key.secret, endpoint: emulator.url };
  request.setArgs(Struct.fromJavaScript(markSecret(args, ["apiKey", "apiSecret"])));
  request.setAcceptsecrets(true);
  await new Promise((resolve, reject) =>
    client.configure(request, (err, res) => (err ? reject(err) : resolve(res))),
  );
  return client;
}

function invoke(
  client: provrpc.ResourceProviderClient,
  token: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const request = new provproto.InvokeRequest();
  request.setTok(token);
  request.setArgs(Struct.fromJavaScript(args));
  return new Promise((resolve, reject) =>
    client.invoke(request, (err, res) =>
      err ? reject(err) : resolve((res.getReturn()?.toJavaScript() ?? {}) as Record<string, unknown>),
    ),
  );
}

const message = (promise: Promise<unknown>) =>
  promise.then(
    () => "(succeeded)",
    (err: Error & { details?: string }) => err.details ?? err.message,
  );

beforeAll(async () => {
  emulator = await startEmulator({
    delays: { serviceProvisioningMs: 0, endpointProvisioningMs: 0, deprovisioningMs: 0 },
    credentials: [KEY_A, KEY_B],
  });
  const api = (key: typeof KEY_A) =>
    new NetworkingClient({
      endpoint: emulator.url,
      apiKey: key.key,
      apiSecret: key.secret,
      userAgent: USER_AGENT,
    });
  const spec = (network: string) => ({
    environment: { id: A },
    network: { id: network },
    display_name: "shared-name",
    description: "the target",
    accept: { environments: [], networks: ["n-bbbbb1"] },
  });
  service = (await api(KEY_A).createService({ spec: spec("n-aaaaa1") })).id;
  twin = (await api(KEY_A).createService({ spec: { ...spec("n-aaaaa2"), display_name: "twin" } })).id;
  endpoint = (
    await api(KEY_B).createEndpoint({
      spec: {
        environment: { id: B },
        network: { id: "n-bbbbb1" },
        network_link_service: { id: service },
        display_name: "origin",
      },
    })
  ).id;
  [providerA, providerB] = await Promise.all([start("teamA", KEY_A), start("teamB", KEY_B)]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const server of servers) server.forceShutdown();
  await emulator?.close();
});

test("the package schema has both functions, each $ref naming one of its types", () => {
  const schema = packageSchema() as { functions: Record<string, unknown>; types: Record<string, unknown> };
  expect(Object.keys(schema.functions).sort()).toEqual([FUNCTION_TOKENS.endpoint, FUNCTION_TOKENS.service]);
  const refs = [...JSON.stringify(schema.functions).matchAll(/"\$ref":"#\/types\/([^"]+)"/g)].map(
    (m) => m[1],
  );
  expect(refs.length).toBeGreaterThan(5);
  expect(refs.filter((token) => !(token in schema.types))).toEqual([]);
});

test("getNetworkLinkService finds by id, network and display name with the invoked provider's key", async () => {
  const expected = {
    id: service,
    displayName: "shared-name",
    description: "the target",
    environment: { id: A },
    network: { id: "n-aaaaa1" },
    networks: [{ id: "n-aaaaa1" }],
    accept: { environments: [], networks: ["n-bbbbb1"] },
    resourceName: expect.stringContaining(`network-link-service=${service}`),
    phase: "READY",
  };
  const environment = { id: A };
  const byId = await invoke(providerA, FUNCTION_TOKENS.service, { environment, id: service });
  expect(byId).toEqual(expected);
  // What the core returns is what the schema declares, no more, no less.
  expect(Object.keys(byId).sort()).toEqual(
    Object.keys(functions[FUNCTION_TOKENS.service].outputs.properties).sort(),
  );
  expect(
    await invoke(providerA, FUNCTION_TOKENS.service, { environment, network: { id: "n-aaaaa1" } }),
  ).toEqual(expected);
  expect(await invoke(providerA, FUNCTION_TOKENS.service, { environment, displayName: "twin" })).toEqual(
    expect.objectContaining({ id: twin, network: { id: "n-aaaaa2" } }),
  );
  // Key B is limited to environment B: the refusal proves provider B's key was used, and shows neither it nor its secret.
  const refused = await message(invoke(providerB, FUNCTION_TOKENS.service, { environment, id: service }));
  expect(refused).toMatch(new RegExp(`^getNetworkLinkService: reading network link service ${service}: 403`));
  expect(refused).not.toContain(KEY_B.key);
  expect(refused).not.toContain(KEY_B.secret);
});

test("getNetworkLinkEndpoint finds by id and by network (and service)", async () => {
  const environment = { id: B };
  const byNetwork = await invoke(providerB, FUNCTION_TOKENS.endpoint, {
    environment,
    network: { id: "n-bbbbb1" },
    networkLinkService: { id: service },
  });
  expect(byNetwork).toEqual({
    id: endpoint,
    displayName: "origin",
    description: "",
    environment,
    network: { id: "n-bbbbb1" },
    networks: [{ id: "n-bbbbb1" }],
    networkLinkService: { id: service },
    networkLinkServices: [{ id: service }],
    resourceName: expect.stringContaining(`network-link-endpoint=${endpoint}`),
    phase: "READY",
  });
  expect(Object.keys(byNetwork).sort()).toEqual(
    Object.keys(functions[FUNCTION_TOKENS.endpoint].outputs.properties).sort(),
  );
  expect(await invoke(providerB, FUNCTION_TOKENS.endpoint, { environment, id: endpoint })).toEqual(byNetwork);
});

test("a display name that two services carry fails, listing both", async () => {
  const api = new NetworkingClient({
    endpoint: emulator.url,
    apiKey: KEY_A.key,
    apiSecret: KEY_A.secret,
    userAgent: USER_AGENT,
  });
  await api.update("service", twin, { spec: { environment: { id: A }, display_name: "shared-name" } });
  const args = { environment: { id: A }, displayName: "shared-name" };
  expect(await message(invoke(providerA, FUNCTION_TOKENS.service, args))).toBe(
    `getNetworkLinkService: 2 found for display name 'shared-name' in environment env-aaaaa1 (${[service, twin].sort().join(", ")}): look it up by id`,
  );
});

test.each([
  [
    "no match",
    FUNCTION_TOKENS.endpoint,
    { environment: { id: A }, network: { id: "n-aaaaa2" } },
    "getNetworkLinkEndpoint: nothing found for network n-aaaaa2 in environment env-aaaaa1",
  ],
  [
    "two ways at once",
    FUNCTION_TOKENS.service,
    { environment: { id: A }, id: "nls-x", displayName: "x" },
    "getNetworkLinkService: give exactly one of id, network or displayName (got 2), besides environment",
  ],
  [
    "a network given as a string",
    FUNCTION_TOKENS.service,
    { environment: { id: A }, network: "n-aaaaa1" },
    'getNetworkLinkService: network must be { id: "n-…" }, got a string',
  ],
  [
    "a missing environment",
    FUNCTION_TOKENS.endpoint,
    { id: "nle-x" },
    'getNetworkLinkEndpoint: environment must be { id: "env-…" }, got undefined',
  ],
  [
    "an unknown function",
    "confluentnetworklink:index:getNetwork",
    {},
    "unknown function confluentnetworklink:index:getNetwork: the confluentnetworklink provider has the functions " +
      `${FUNCTION_TOKENS.service}, ${FUNCTION_TOKENS.endpoint}`,
  ],
])("fails on %s with a message naming the function and the field", async (_case, token, args, expected) => {
  expect(await message(invoke(providerA, token, args))).toContain(expected);
});
