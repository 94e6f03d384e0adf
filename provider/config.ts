// Credentials and endpoint, resolved when a provider method runs, and the messages that name them.
import { DEFAULT_ENDPOINT } from "./client/http";
import { forbiddenAdvice } from "./client/errors";
import { CredentialSource, credentialSourceProblems } from "./credential-source";

export type { CredentialSource } from "./credential-source";
export { sameCredentialSource } from "./credential-source";

/** Credentials and endpoint, resolved when a provider method runs (never captured in the state). */
export interface ResolvedConfig {
  endpoint: string;
  apiKey: string;
  apiSecret: string;
}

/** Where stack config comes from: the `config` the dynamic-provider host hands to `configure`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export const CONFIG_KEYS = {
  apiKey: "confluentcloud:cloudApiKey",
  apiSecret: "confluentcloud:cloudApiSecret",
  endpoint: "confluentcloud:endpoint",
} as const;

export const ENV_VARS = {
  apiKey: "CONFLUENT_CLOUD_API_KEY",
  apiSecret: "CONFLUENT_CLOUD_API_SECRET",
  endpoint: "CONFLUENT_CLOUD_ENDPOINT",
} as const;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Setting = keyof typeof CONFIG_KEYS;

/**
 * How messages name each setting and say how to set it, for the interface in use: the dynamic
 * resources' stack config (`confluentcloud:*`), the native provider's (`confluentnetworklink:*`), or
 * an explicit provider's inputs (`apiKey`, `apiSecret`, `endpoint`).
 */
export interface ConfigNaming {
  /** The setting as a message names it, e.g. `confluentcloud:cloudApiKey`. */
  name(setting: Setting): string;
  /** What the user does to set it, e.g. "run `pulumi config set confluentcloud:cloudApiKey <value>`". */
  howToSet(setting: Setting): string;
}

/** The naming of the dynamic resources: `@pulumi/confluentcloud`'s stack config keys. */
export const DYNAMIC_CONFIG_NAMING: ConfigNaming = {
  name: (setting) => CONFIG_KEYS[setting],
  howToSet: (setting) =>
    `run \`pulumi config set ${setting === "apiSecret" ? "--secret " : ""}${CONFIG_KEYS[setting]} <value>\``,
};

/** Why an endpoint cannot be used (not an http(s) URL), naming the setting; undefined when it can. */
export function endpointProblem(
  endpoint: string,
  naming: ConfigNaming = DYNAMIC_CONFIG_NAMING,
): string | undefined {
  if (/^https?:\/\/[^\s/]+/.test(endpoint)) return undefined;
  return `${naming.name("endpoint")} (or ${ENV_VARS.endpoint}) must be an http(s) URL such as ${DEFAULT_ENDPOINT}, got '${endpoint}'.`;
}

/** What a 401 tells the user to check, naming the settings of the interface in use. */
/**
 * The advice after a 403, naming the key setting of the interface in use; without a naming, the text the
 * API client writes (provider/client/errors.ts), which a front door replaces with its own.
 */
export function forbiddenHint(naming?: ConfigNaming): string {
  return forbiddenAdvice(naming?.name("apiKey"));
}

export function unauthorizedHint(naming: ConfigNaming = DYNAMIC_CONFIG_NAMING): string {
  return (
    `Check ${naming.name("apiKey")} / ${naming.name("apiSecret")} (or ${ENV_VARS.apiKey} / ${ENV_VARS.apiSecret}): ` +
    "the key must be a Cloud API key, not a cluster key"
  );
}

/**
 * Resolves credentials and endpoint at run time: from `credentials` when a resource names its own
 * source (no fallback to the default keys: a half-resolved pair would mix two keys), else from the
 * default stack config, then the environment. Fails naming what to set.
 */
export function resolveConfig(
  source: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
  credentials?: CredentialSource,
  naming: ConfigNaming = DYNAMIC_CONFIG_NAMING,
): ResolvedConfig {
  const clean = (value: string | undefined) => (value && value.trim() !== "" ? value.trim() : undefined);
  const read = (key: keyof typeof CONFIG_KEYS): string | undefined =>
    clean(source?.get(CONFIG_KEYS[key]) ?? env[ENV_VARS[key]]);
  const endpoint = read("endpoint") ?? DEFAULT_ENDPOINT;
  const badEndpoint = endpointProblem(endpoint, naming);
  if (badEndpoint) throw new ConfigError(badEndpoint);
  if (credentials) return { endpoint, ...resolveCredentialSource(source, env, credentials) };
  const apiKey = read("apiKey");
  const apiSecret = read("apiSecret");
  const missing = [
    apiKey ? undefined : (["apiKey", "the Cloud API key"] as const),
    apiSecret ? undefined : (["apiSecret", "the Cloud API secret"] as const),
  ].filter((m) => m !== undefined);
  if (missing.length > 0) {
    const lines = missing.map(
      ([key, what]) => `${what} is not set: ${naming.howToSet(key)} or export ${ENV_VARS[key]}`,
    );
    throw new ConfigError(`Confluent Cloud credentials are missing: ${lines.join("; ")}.`);
  }
  return { endpoint, apiKey: apiKey as string, apiSecret: apiSecret as string };
}

/** The key and secret a resource's own credential source names; fails naming the places looked in. */
export function resolveCredentialSource(
  source: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  credentials: CredentialSource,
): { apiKey: string; apiSecret: string } {
  const problems = credentialSourceProblems(credentials);
  if (problems.length > 0) throw new ConfigError(`${problems.join("; ")}.`);
  const read = (configKey: string | undefined, envVar: string | undefined) => {
    const value = (configKey ? source?.get(configKey) : undefined) ?? (envVar ? env[envVar] : undefined);
    return value && value.trim() !== "" ? value.trim() : undefined;
  };
  const apiKey = read(credentials.apiKeyConfig, credentials.apiKeyEnv);
  const apiSecret = read(credentials.apiSecretConfig, credentials.apiSecretEnv);
  const places = (configKey: string | undefined, envVar: string | undefined, secret: boolean) =>
    [
      configKey ? `\`pulumi config set ${secret ? "--secret " : ""}${configKey} <value>\`` : undefined,
      envVar ? `export ${envVar}` : undefined,
    ]
      .filter(Boolean)
      .join(" or ");
  const missing = [
    apiKey
      ? undefined
      : `the API key is not set: ${places(credentials.apiKeyConfig, credentials.apiKeyEnv, false)}`,
    apiSecret
      ? undefined
      : `the API secret is not set: ${places(credentials.apiSecretConfig, credentials.apiSecretEnv, true)}`,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `Confluent Cloud credentials named by this resource's \`credentials\` are missing: ${missing.join("; ")}.`,
    );
  }
  return { apiKey: apiKey as string, apiSecret: apiSecret as string };
}
