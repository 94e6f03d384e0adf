import { resolveConfig } from "../../provider/config";
import { credentialSourceProblems, sameCredentialSource } from "../../provider/credential-source";
import { diffEndpoint } from "../../provider/lifecycle/endpoint-spec";
import { diffService } from "../../provider/lifecycle/service-spec";

const source = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const DEFAULTS = {
  "confluentcloud:cloudApiKey": "DEFAULT_KEY",
  "confluentcloud:cloudApiSecret": "default-secret",
};

describe("resolveConfig with a resource's own credential source", () => {
  it("reads the named stack-config keys, not the default ones", () => {
    const config = resolveConfig(
      source({ ...DEFAULTS, "teamA:cloudApiKey": "A_KEY", "teamA:cloudApiSecret": "a-secret" }),
      {},
      { apiKeyConfig: "teamA:cloudApiKey", apiSecretConfig: "teamA:cloudApiSecret" },
    );
    expect(config).toEqual({
      apiKey: "A_KEY",
      apiSecret: "a-secret",
      endpoint: "https://api.confluent.cloud",
    });
  });

  it("reads the named environment variables; a named config key wins over a named variable", () => {
    const env = { TEAM_B_KEY: "B_KEY", TEAM_B_SECRET: "b-secret" };
    expect(
      resolveConfig(source(DEFAULTS), env, { apiKeyEnv: "TEAM_B_KEY", apiSecretEnv: "TEAM_B_SECRET" }),
    ).toMatchObject({
      apiKey: "B_KEY",
      apiSecret: "b-secret",
    });
    expect(
      resolveConfig(source({ "teamB:key": "FROM_CONFIG" }), env, {
        apiKeyConfig: "teamB:key",
        apiKeyEnv: "TEAM_B_KEY",
        apiSecretEnv: "TEAM_B_SECRET",
      }).apiKey,
    ).toBe("FROM_CONFIG");
  });

  it("keeps the stack's endpoint", () => {
    const config = resolveConfig(
      source({ "confluentcloud:endpoint": "http://127.0.0.1:9" }),
      { K: "k", S: "s" },
      {
        apiKeyEnv: "K",
        apiSecretEnv: "S",
      },
    );
    expect(config.endpoint).toBe("http://127.0.0.1:9");
  });

  it("never falls back to the default keys, and names the places to set", () => {
    expect(() =>
      resolveConfig(
        source(DEFAULTS),
        { CONFLUENT_CLOUD_API_KEY: "x", CONFLUENT_CLOUD_API_SECRET: "y" },
        {
          apiKeyConfig: "teamA:cloudApiKey",
          apiKeyEnv: "TEAM_A_KEY",
          apiSecretConfig: "teamA:cloudApiSecret",
        },
      ),
    ).toThrow(
      "Confluent Cloud credentials named by this resource's `credentials` are missing: the API key is not set: " +
        "`pulumi config set teamA:cloudApiKey <value>` or export TEAM_A_KEY; the API secret is not set: " +
        "`pulumi config set --secret teamA:cloudApiSecret <value>`.",
    );
  });

  it("rejects a source that names no place for the secret, or a field it does not know", () => {
    expect(() => resolveConfig(source(DEFAULTS), {}, { apiKeyEnv: "K" })).toThrow(
      "credentials names no place for the API secret: set credentials.apiSecretConfig or credentials.apiSecretEnv.",
    );
    expect(credentialSourceProblems({ apiKey: "literal-key", apiKeyEnv: "K", apiSecretEnv: "S" })).toEqual([
      "credentials.apiKey is not a known field: use apiKeyConfig, apiSecretConfig, apiKeyEnv, apiSecretEnv",
    ]);
    expect(credentialSourceProblems({ apiKeyEnv: "", apiSecretEnv: 3 })).toEqual([
      "credentials.apiKeyEnv must be the name of an environment variable",
      "credentials.apiSecretEnv must be the name of an environment variable",
    ]);
    expect(credentialSourceProblems("TEAM_KEY")).toHaveLength(1);
    expect(credentialSourceProblems(undefined)).toEqual([]);
  });
});

test.each([
  [undefined, undefined, true],
  [{ apiKeyEnv: "K", apiSecretEnv: "S" }, { apiSecretEnv: "S", apiKeyEnv: "K" }, true],
  [{ apiKeyEnv: "K", apiSecretEnv: "S" }, undefined, false],
  [{ apiKeyEnv: "K", apiSecretEnv: "S" }, { apiKeyEnv: "K2", apiSecretEnv: "S" }, false],
])("sameCredentialSource(%j, %j) is %s", (a, b, same) => {
  expect(sameCredentialSource(a, b)).toBe(same);
});

describe("a changed credential source", () => {
  const olds = {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    displayName: "s",
    accept: { environments: [], networks: [] },
    resourceName: "crn://x",
    phase: "READY",
    credentials: { apiKeyEnv: "OLD_KEY", apiSecretEnv: "OLD_SECRET" },
  };
  const news = { ...olds, credentials: { apiKeyEnv: "NEW_KEY", apiSecretEnv: "NEW_SECRET" } };

  it("is an in-place change of both kinds (so the new names reach the state), never a replacement", () => {
    expect(diffService(olds, news)).toMatchObject({ changes: true, replaces: [] });
    expect(diffService(olds, { ...news, credentials: olds.credentials })).toMatchObject({ changes: false });
    const endpoint = { ...olds, networkLinkService: { id: "nls-bbbbb1" } };
    expect(diffEndpoint(endpoint, { ...endpoint, credentials: news.credentials })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
});
