import { ApiError } from "../../provider/client/errors";
import { DYNAMIC_CONFIG_NAMING, forbiddenHint, resolveConfig, unauthorizedHint } from "../../provider/config";
import { detailedDiff } from "../../provider/native/detailed-diff";
import { namingFor } from "../../provider/native/provider-config";
import { explainTimeout, waitBound } from "../../provider/native/timeouts";
import { diffOf } from "../../provider/lifecycle/lifecycle";
import { serviceSpec } from "../../provider/lifecycle/service-spec";

// Item 8 of issue 24: a message names the settings of the interface in use. And the pure parts of the
// native provider's diff and timeouts.

const none = { get: () => undefined };
const missing = (naming = DYNAMIC_CONFIG_NAMING) => {
  try {
    resolveConfig(none, {}, undefined, naming);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("resolveConfig did not fail");
};

describe("credential messages name the settings of the interface in use", () => {
  const defaultProvider = namingFor({
    urn: "urn:pulumi:dev::p::pulumi:providers:confluentnetworklink::default_0_1_0",
  });
  const teamA = namingFor({ urn: "urn:pulumi:dev::p::pulumi:providers:confluentnetworklink::teamA" });

  test.each([
    [
      "dynamic resources",
      DYNAMIC_CONFIG_NAMING,
      "run `pulumi config set confluentcloud:cloudApiKey <value>`",
      "confluentnetworklink",
    ],
    [
      "native default provider",
      defaultProvider,
      "run `pulumi config set --secret confluentnetworklink:apiKey <value>`",
      "confluentcloud",
    ],
    ["explicit provider", teamA, "set the `apiKey` input of provider 'teamA'", "confluentcloud"],
  ])("%s", (_name, naming, howToSetKey, foreign) => {
    const message = missing(naming);
    expect(message).toContain(
      `the Cloud API key is not set: ${howToSetKey} or export CONFLUENT_CLOUD_API_KEY`,
    );
    expect(message).not.toContain(foreign);
    expect(unauthorizedHint(naming)).toContain(naming.name("apiKey"));
    expect(forbiddenHint(naming)).toContain(naming.name("apiKey"));
    expect(() =>
      resolveConfig({ get: (k) => (k.endsWith("endpoint") ? "ftp:x" : "v") }, {}, undefined, naming),
    ).toThrow(`${naming.name("endpoint")} (or CONFLUENT_CLOUD_ENDPOINT) must be an http(s) URL`);
  });

  test("an engine without the provider's URN configures with the stack config: the default naming", () => {
    expect(namingFor({}).name("apiSecret")).toBe("confluentnetworklink:apiSecret");
  });

  test("the 401 advice of the API client is the dynamic naming's, which the native provider replaces", () => {
    const err = new ApiError({
      operation: "creating network link service",
      status: 401,
      code: "unauthorized",
      detail: "bad key",
      requestId: "r-1",
    });
    expect(err.message).toContain(unauthorizedHint());
  });

  test("the 403 advice of the API client is the one the native provider replaces with its key's name", () => {
    const err = new ApiError({ operation: "creating network link service", status: 403, detail: "no" });
    expect(err.message).toContain(forbiddenHint());
  });
});

describe("wait bounds: the smaller of the engine's timeout and the resource's input, named", () => {
  test.each([
    ["create", 30, 2, 2, "the create timeout of 2s (customTimeouts)"],
    ["create", 3, 60, 3, "readyTimeoutSeconds 3"],
    ["create", undefined, 0, 3600, "the default readyTimeoutSeconds of 3600"],
    ["update", 5, 0, 5, "readyTimeoutSeconds 5"],
    ["delete", undefined, 90, 90, "the delete timeout of 90s (customTimeouts)"],
    ["delete", 10, 90, 10, "deleteTimeoutSeconds 10"],
  ] as const)("%s, input %s, engine %s -> %ss by %s", (op, input, engine, seconds, by) => {
    expect(waitBound(op, input, engine)).toMatchObject({ seconds, by });
  });

  test("the message says which bound ended the wait, and which to raise", () => {
    const bound = waitBound("delete", undefined, 90);
    expect(
      explainTimeout(
        "service 'x' to be deleted: still DEPROVISIONING after 90s (last seen 1.0 s before the deadline); raise deleteTimeoutSeconds if it is still deprovisioning",
        "delete",
        bound,
      ),
    ).toBe(
      "service 'x' to be deleted: still DEPROVISIONING after 90s: the delete timeout of 90s (customTimeouts) ended the wait (last seen 1.0 s before the deadline); raise the delete timeout in the resource's customTimeouts if it is still deprovisioning",
    );
    expect(explainTimeout("401 unauthorized", "create", waitBound("create", 3, 0))).toBe("401 unauthorized");
  });
});

describe("detailed diff of a service", () => {
  const state = {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    displayName: "svc",
    description: "first",
    accept: { environments: [], networks: ["n-aaaaa2"] },
    resourceName: "crn://x",
    phase: "READY",
  };
  const diff = (news: Record<string, unknown>) => {
    const inputs = { ...state, ...news } as never;
    return detailedDiff(
      serviceSpec as never,
      state as never,
      inputs,
      diffOf(serviceSpec, state as never, inputs),
    );
  };

  test("an omitted list against the empty one in the state is no change", () => {
    expect(diff({ accept: { networks: ["n-aaaaa2"] } })).toMatchObject({ changes: false, detailed: {} });
  });
  test("a description edit is an update of that property only", () => {
    expect(diff({ description: "second" })).toMatchObject({
      changes: true,
      replaces: [],
      detailed: { description: "update" },
    });
  });
  test("a network change replaces, deleting first only when the slot is the same", () => {
    expect(diff({ network: { id: "n-bbbbb2" } })).toMatchObject({
      changes: true,
      replaces: ["network"],
      deleteBeforeReplace: false,
      stables: ["environment"],
      detailed: { network: "update-replace" },
    });
  });
});
