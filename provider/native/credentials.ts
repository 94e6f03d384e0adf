import { ConfigSource, CONFIG_KEYS } from "../config";

// Where the native provider's credentials come from. The SDK's provider server answers Configure
// itself and drops its arguments, so the provider reads the configuration the engine hands every
// provider plugin it starts: the stack config of the package's namespace (`confluentnetworklink:*`),
// as JSON in PULUMI_CONFIG (pkg/v3 host.Provider; secret values arrive decrypted). The environment
// variables of config.ts come next. Values given to an explicit provider resource in a program are
// not seen (they only travel in Configure): docs/native says so.

/** Our config keys, without the `confluentnetworklink:` namespace (as PULUMI_CONFIG has them). */
export const NATIVE_CONFIG_KEYS = {
  apiKey: "apiKey",
  apiSecret: "apiSecret",
  endpoint: "endpoint",
} as const;

/** Reads PULUMI_CONFIG; a value that is not a JSON object counts as no config. */
export function pluginConfig(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(env.PULUMI_CONFIG ?? "{}");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

/**
 * The plugin config, seen through the keys config.ts resolves (`confluentcloud:cloudApiKey`, …), so
 * the dynamic resources' rules (stack config first, then the environment; errors naming both) apply.
 */
export function nativeConfigSource(config: Record<string, string>): ConfigSource {
  const byKey: Record<string, string | undefined> = {
    [CONFIG_KEYS.apiKey]: config[NATIVE_CONFIG_KEYS.apiKey],
    [CONFIG_KEYS.apiSecret]: config[NATIVE_CONFIG_KEYS.apiSecret],
    [CONFIG_KEYS.endpoint]: config[NATIVE_CONFIG_KEYS.endpoint],
  };
  return { get: (key) => byKey[key] };
}
