import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { ServiceError } from "@grpc/grpc-js";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "confluent-network-link-emulator";
import { NativeProvider } from "../../provider/native/provider";
import { markSecret } from "../../provider/native/secret-values";
import { listen } from "../../provider/native/server";
import { grpc, Struct } from "../../provider/native/sdk-runtime";

// The plugin's gRPC server, driven as the engine drives it (a gRPC client of the generated service)
// against the emulator: each server is one provider instance, configured by Configure alone.

const A = "env-aaaaa1";
const B = "env-bbbbb1";
const KEY_A = { key: "TEAM_A_KEY", secret: "team-a-secret-value", environments: [A] };
const KEY_B = { key: "TEAM_B_KEY", secret: "team-b-secret-value", environments: [B] };
const providerUrn = (name: string) => `urn:pulumi:dev::proj::pulumi:providers:confluentnetworklink::${name}`;
const serviceUrn = (name: string) =>
  `urn:pulumi:dev::proj::confluentnetworklink:index:NetworkLinkService::${name}`;

let emulator: RunningEmulator;
const servers: { forceShutdown(): void }[] = [];
const clients: provrpc.ResourceProviderClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    delays: { serviceProvisioningMs: 0, endpointProvisioningMs: 0, deprovisioningMs: 0 },
    credentials: [KEY_A, KEY_B],
  });
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const server of servers) server.forceShutdown();
  await emulator.close();
});

async function start(): Promise<provrpc.ResourceProviderClient> {
  const { port, server } = await listen(new NativeProvider(undefined), undefined);
  servers.push(server);
  const client = new provrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure() as never,
  );
  clients.push(client);
  return client;
}

type Method = "configure" | "checkConfig" | "diffConfig" | "create" | "diff";
function rpc<T>(client: provrpc.ResourceProviderClient, method: Method, request: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    (client[method] as unknown as (r: unknown, cb: (err: Error | null, res: T) => void) => void).call(
      client,
      request,
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
}

async function configure(
  client: provrpc.ResourceProviderClient,
  name: string,
  args: Record<string, unknown>,
) {
  const request = new provproto.ConfigureRequest();
  request.setUrn(providerUrn(name));
  request.setName(name);
  request.setType("pulumi:providers:confluentnetworklink");
  request.setId(`${name}-id`);
  request.setArgs(Struct.fromJavaScript(markSecret(args, ["apiKey", "apiSecret"])));
  request.setAcceptsecrets(true);
  await rpc(client, "configure", request);
}

function createService(
  client: provrpc.ResourceProviderClient,
  name: string,
  environment: string,
  network: string,
  timeout = 0,
) {
  const request = new provproto.CreateRequest();
  request.setUrn(serviceUrn(name));
  request.setProperties(
    Struct.fromJavaScript({ environment: { id: environment }, network: { id: network }, displayName: name }),
  );
  request.setTimeout(timeout);
  return rpc<provproto.CreateResponse>(client, "create", request);
}

test("each provider instance uses the key its Configure gave, and a 401 names that provider's inputs", async () => {
  const providerA = await start();
  const providerB = await start();
  await configure(providerA, "providerA", {
    apiKey: KEY_A.key,
    apiSecret: KEY_A.secret,
    endpoint: emulator.url,
  });
  await configure(providerB, "providerB", {
    apiKey: KEY_B.key,
    apiSecret: "wrong-secret-value",
    endpoint: emulator.url,
  });

  const created = await createService(providerA, "svc-a", A, "n-aaaaa1");
  expect(created.getId()).toMatch(/^nls-/);
  // Key A is scoped to environment A: environment B proves which key the provider used.
  await expect(createService(providerA, "svc-a-in-b", B, "n-bbbbb1")).rejects.toThrow(/403/);

  const refused = createService(providerB, "svc-b", B, "n-bbbbb1");
  await expect(refused).rejects.toThrow(/401/);
  const message = ((await refused.catch((e: Error) => e)) as Error).message;
  expect(message).toContain("`apiKey` of provider 'providerB'");
  expect(message).not.toContain("confluentcloud:");
  expect(message).not.toContain("wrong-secret-value");
});

test("a provider without credentials names its own inputs; the default provider names its stack config", async () => {
  const explicit = await start();
  await configure(explicit, "teamC", { endpoint: emulator.url });
  const env = { ...process.env };
  delete process.env.CONFLUENT_CLOUD_API_KEY;
  delete process.env.CONFLUENT_CLOUD_API_SECRET;
  try {
    await expect(createService(explicit, "svc-c", A, "n-aaaaa2")).rejects.toThrow(
      "the Cloud API key is not set: set the `apiKey` input of provider 'teamC' or export CONFLUENT_CLOUD_API_KEY",
    );
    const byDefault = await start();
    await configure(byDefault, "default_0_1_0", { endpoint: emulator.url });
    await expect(createService(byDefault, "svc-d", A, "n-aaaaa2")).rejects.toThrow(
      "the Cloud API secret is not set: run `pulumi config set --secret confluentnetworklink:apiSecret <value>` or export CONFLUENT_CLOUD_API_SECRET",
    );
  } finally {
    process.env = env;
  }
});

test("CheckConfig names the input at fault, never quotes a secret, and records key and secret as secrets", async () => {
  const client = await start();
  const check = async (news: Record<string, unknown>) => {
    const request = new provproto.CheckRequest();
    request.setUrn(providerUrn("teamA"));
    request.setNews(Struct.fromJavaScript(news));
    return rpc<provproto.CheckResponse>(client, "checkConfig", request);
  };
  const bad = await check({ apiKey: "K", endpoint: "api.confluent.cloud" });
  const failures = bad.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
  expect(failures).toEqual([
    [
      "endpoint",
      "`endpoint` of provider 'teamA' (or CONFLUENT_CLOUD_ENDPOINT) must be an http(s) URL such as https://api.confluent.cloud, got 'api.confluent.cloud'.",
    ],
    [
      "apiSecret",
      "`apiKey` of provider 'teamA' is set but `apiSecret` of provider 'teamA' is not: give the secret of the same Cloud API key",
    ],
  ]);
  const secretOnly = await check({ apiSecret: "s3cr3t-value" });
  expect(secretOnly.getFailuresList().map((f) => f.getProperty())).toEqual(["apiKey"]);
  expect(JSON.stringify(secretOnly.getFailuresList().map((f) => f.getReason()))).not.toContain("s3cr3t");

  const good = await check({ apiKey: "K", apiSecret: "S", endpoint: emulator.url });
  expect(good.getFailuresList()).toEqual([]);
  const inputs = good.getInputs()?.toJavaScript() as Record<string, Record<string, unknown>>;
  const SIG = "4dabf18193072939515e22adb298388d";
  expect(inputs.apiKey[SIG]).toBeDefined();
  expect(inputs.apiSecret[SIG]).toBeDefined();
  expect(inputs.endpoint).toBe(emulator.url);
});

test("DiffConfig: a new key updates the provider, a new endpoint replaces it (and its resources)", async () => {
  const client = await start();
  const diff = async (olds: Record<string, unknown>, news: Record<string, unknown>) => {
    const request = new provproto.DiffRequest();
    request.setUrn(providerUrn("teamA"));
    request.setOlds(Struct.fromJavaScript(olds));
    request.setNews(Struct.fromJavaScript(news));
    const response = await rpc<provproto.DiffResponse>(client, "diffConfig", request);
    const kinds: Record<string, number> = {};
    response.getDetaileddiffMap().forEach((value, key) => (kinds[key] = value.getKind()));
    return { changes: response.getChanges(), replaces: response.getReplacesList(), kinds };
  };
  const base = { apiKey: "K1", apiSecret: "S1", endpoint: "https://api.confluent.cloud" };
  const Kind = provproto.PropertyDiff.Kind;
  const Changes = provproto.DiffResponse.DiffChanges;
  expect(await diff(base, { ...base, apiKey: "K2", apiSecret: "S2" })).toEqual({
    changes: Changes.DIFF_SOME,
    replaces: [],
    kinds: { apiKey: Kind.UPDATE, apiSecret: Kind.UPDATE },
  });
  expect(await diff(base, { ...base, endpoint: "http://127.0.0.1:9" })).toEqual({
    changes: Changes.DIFF_SOME,
    replaces: ["endpoint"],
    kinds: { endpoint: Kind.UPDATE_REPLACE },
  });
  // The public endpoint, given or not, with or without a trailing slash, is the same API.
  expect(await diff({ apiKey: "K1" }, { apiKey: "K1", endpoint: "https://api.confluent.cloud/" })).toEqual({
    changes: Changes.DIFF_NONE,
    replaces: [],
    kinds: {},
  });
});

test("the engine's create timeout bounds the wait when smaller, and the message says it ended it", async () => {
  const client = await start();
  await configure(client, "teamA", { apiKey: KEY_A.key, apiSecret: KEY_A.secret, endpoint: emulator.url });
  const admin = new EmulatorAdmin(emulator.url);
  await admin.setDelays({ serviceProvisioningMs: 60_000 });
  try {
    const err = (await createService(client, "slow", A, "n-aaaaa2", 1).catch(
      (e: unknown) => e,
    )) as ServiceError;
    expect(err.message).toMatch(
      /service 'slow' \(nls-\w+\) in n-aaaaa2 to become READY: still PROVISIONING after 1s: the create timeout of 1s \(customTimeouts\) ended the wait \(last seen/,
    );
    // Created but not ready: the engine gets its ID, so the state keeps it.
    expect(err.metadata.get("grpc-status-details-bin")).toHaveLength(1);
  } finally {
    await admin.setDelays({ serviceProvisioningMs: 0 });
  }
});
