import { DEFAULT_ENDPOINT } from "./client/http";

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

/** Stack config first, then the environment; fails naming both ways to set what is missing. */
export function resolveConfig(
  source: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConfig {
  const read = (key: keyof typeof CONFIG_KEYS): string | undefined => {
    const value = source?.get(CONFIG_KEYS[key]) ?? env[ENV_VARS[key]];
    return value && value.trim() !== "" ? value.trim() : undefined;
  };
  const apiKey = read("apiKey");
  const apiSecret = read("apiSecret");
  const missing = [
    apiKey ? undefined : (["apiKey", "the Cloud API key"] as const),
    apiSecret ? undefined : (["apiSecret", "the Cloud API secret"] as const),
  ].filter((m) => m !== undefined);
  if (missing.length > 0) {
    const lines = missing.map(
      ([key, what]) =>
        `${what} is not set: run \`pulumi config set ${key === "apiSecret" ? "--secret " : ""}${CONFIG_KEYS[key]} <value>\` or export ${ENV_VARS[key]}`,
    );
    throw new ConfigError(`Confluent Cloud credentials are missing: ${lines.join("; ")}.`);
  }
  const endpoint = read("endpoint") ?? DEFAULT_ENDPOINT;
  if (!/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new ConfigError(
      `${CONFIG_KEYS.endpoint} (or ${ENV_VARS.endpoint}) must be an http(s) URL such as ${DEFAULT_ENDPOINT}, got '${endpoint}'.`,
    );
  }
  return { endpoint, apiKey: apiKey as string, apiSecret: apiSecret as string };
}
