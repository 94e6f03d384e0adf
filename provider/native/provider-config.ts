// The configuration of one native provider instance: check, diff, and the names of its keys.
import { DEFAULT_ENDPOINT } from "../client/http";
import { CONFIG_KEYS, ConfigNaming, ConfigSource, endpointProblem } from "../config";
import { isUnknown } from "../lifecycle/property-values";
import { PACKAGE } from "./schema";
import { markSecret, revealed } from "./secret-values";

// The configuration of one provider instance, as the engine gives it in CheckConfig, DiffConfig and
// Configure: the inputs of an explicit provider resource (`pulumi:providers:confluentnetworklink`),
// or, for the default provider, the stack config of the package's namespace (`confluentnetworklink:*`).
// Every instance uses only what it was given (then the environment, as config.ts resolves it): never
// another instance's keys, and never the stack's keys for an explicit provider.

/** The provider's inputs, as the schema names them. */
export interface ProviderSettings {
  apiKey?: string;
  apiSecret?: string;
  endpoint?: string;
}

/** Which provider this process serves, as Configure (or CheckConfig) names it. */
export interface ProviderIdentity {
  urn?: string;
  /** The provider's resource ID, once the engine has created it. */
  id?: string;
}

const SETTINGS = ["apiKey", "apiSecret", "endpoint"] as const;
/** Held as secrets in the state: the key names the account, the secret opens it. */
const SECRET_SETTINGS = ["apiKey", "apiSecret"];

/** The name in a provider URN (`urn:pulumi:stack::project::pulumi:providers:pkg::name`). */
export function providerName(urn: string | undefined): string | undefined {
  return urn?.split("::").pop() || undefined;
}

/**
 * Whether the engine made this provider from the stack config (`default`, `default_0_1_0`) rather than
 * from a provider resource of the program. Without a URN (an engine that does not send it), the stack
 * config is what it was given.
 */
export function isDefaultProvider(identity: ProviderIdentity): boolean {
  const name = providerName(identity.urn);
  return name === undefined || /^default(_|$)/.test(name);
}

/** How messages name each setting: the stack config keys, or the explicit provider's inputs. */
export function namingFor(identity: ProviderIdentity): ConfigNaming {
  if (isDefaultProvider(identity)) {
    return {
      name: (setting) => `${PACKAGE}:${setting}`,
      howToSet: (setting) =>
        // Both are secrets of the native provider (its schema says so), unlike confluentcloud's key.
        `run \`pulumi config set${setting === "endpoint" ? "" : " --secret"} ${PACKAGE}:${setting} <value>\``,
    };
  }
  // The name is unique among the stack's providers of this package; the URN adds nothing to read.
  const provider = `provider '${providerName(identity.urn)}'`;
  return {
    name: (setting) => `\`${setting}\` of ${provider}`,
    howToSet: (setting) => `set the \`${setting}\` input of ${provider}`,
  };
}

/** The settings in a Configure/CheckConfig struct (as plain JavaScript): strings only, secrets revealed. */
export function settingsOf(args: Record<string, unknown> | undefined): ProviderSettings {
  const plain = revealed(args ?? {}) as Record<string, unknown>;
  const settings: ProviderSettings = {};
  for (const key of SETTINGS) {
    const value = plain[key];
    if (typeof value === "string" && value.trim() !== "") settings[key] = value.trim();
  }
  return settings;
}

/** The settings seen through the keys config.ts resolves, so its rules (then the environment) apply. */
export function configSourceOf(settings: ProviderSettings): ConfigSource {
  const byKey: Record<string, string | undefined> = {
    [CONFIG_KEYS.apiKey]: settings.apiKey,
    [CONFIG_KEYS.apiSecret]: settings.apiSecret,
    [CONFIG_KEYS.endpoint]: settings.endpoint,
  };
  return { get: (key) => byKey[key] };
}

export interface ConfigFailure {
  property: string;
  reason: string;
}

/**
 * CheckConfig: what is wrong with a provider's inputs, each failure naming the input and the fix and
 * never quoting a key or secret; and the inputs to record, with the key and the secret marked secret
 * (a program may give them as plain strings; the state must not hold them in plain text).
 */
export function checkProviderConfig(
  news: Record<string, unknown>,
  identity: ProviderIdentity,
): { inputs: Record<string, unknown>; failures: ConfigFailure[] } {
  const naming = namingFor(identity);
  const plain = revealed(news) as Record<string, unknown>;
  const failures: ConfigFailure[] = [];
  for (const key of SETTINGS) {
    const value = plain[key];
    if (value !== undefined && value !== null && typeof value !== "string" && !isUnknown(value)) {
      failures.push({ property: key, reason: `${naming.name(key)} must be a string, got a ${typeof value}` });
    }
  }
  const settings = settingsOf(news);
  if (settings.endpoint !== undefined && !isUnknown(settings.endpoint)) {
    const problem = endpointProblem(settings.endpoint, naming);
    if (problem) failures.push({ property: "endpoint", reason: problem });
  }
  // A key without its secret would be completed from elsewhere (the environment): two keys mixed.
  const given = (key: "apiKey" | "apiSecret") => plain[key] !== undefined && plain[key] !== null;
  if (given("apiKey") && settings.apiSecret === undefined && !isUnknown(plain.apiSecret)) {
    failures.push({
      property: "apiSecret",
      reason: `${naming.name("apiKey")} is set but ${naming.name("apiSecret")} is not: give the secret of the same Cloud API key`,
    });
  }
  if (given("apiSecret") && settings.apiKey === undefined && !isUnknown(plain.apiKey)) {
    failures.push({
      property: "apiKey",
      reason: `${naming.name("apiSecret")} is set but ${naming.name("apiKey")} is not: give the Cloud API key it belongs to`,
    });
  }
  return { inputs: markSecret({ ...news }, SECRET_SETTINGS), failures };
}

/** What a change of a provider's inputs does to it and to its resources. */
export interface ConfigDiff {
  changed: string[];
  /** Inputs whose change replaces the provider, and so every resource it manages. */
  replaces: string[];
  /** Shown to the user when a change replaces resources. */
  warning?: string;
}

const normalizedEndpoint = (value: string | undefined) => (value ?? DEFAULT_ENDPOINT).replace(/\/+$/, "");

/**
 * DiffConfig. A new key or secret for the same API is an update of the provider: its resources stay
 * and the next operations use the new key. A new endpoint is another API, which does not hold the
 * resources made through the old one: the provider is replaced and so is each of its resources (as
 * pulumi-confluentcloud treats its `endpoint`), and the user is told so.
 */
export function diffProviderConfig(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  identity: ProviderIdentity,
): ConfigDiff {
  const before = settingsOf(olds);
  const after = settingsOf(news);
  const changed = SETTINGS.filter((key) =>
    key === "endpoint"
      ? normalizedEndpoint(before.endpoint) !== normalizedEndpoint(after.endpoint)
      : before[key] !== after[key],
  );
  const replaces = changed.filter((key) => key === "endpoint");
  const provider = isDefaultProvider(identity)
    ? `the default provider (${PACKAGE}:endpoint)`
    : `provider '${providerName(identity.urn)}'`;
  const warning =
    replaces.length > 0
      ? `the endpoint of ${provider} changes from ${normalizedEndpoint(before.endpoint)} to ${normalizedEndpoint(after.endpoint)}: ` +
        "the resources it manages live in the old API, so each of them is replaced (created through the new endpoint, " +
        "deleted through the old one)"
      : undefined;
  return { changed: [...changed], replaces, warning };
}
