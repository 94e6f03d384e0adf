// Where a resource's credentials come from: names of stack-config keys and environment variables,
// never values, so the names may sit in the state. Kept apart from config.ts so that the public
// declarations do not load zod.

/**
 * Where one resource's API key and secret come from, when not from the stack's default
 * `confluentcloud:cloudApiKey` / `confluentcloud:cloudApiSecret`. Only these names are stored in the
 * state; the values are read when the provider runs. For each of key and secret, the named stack-config
 * key is read first, then the named environment variable; at least one of the two must be named.
 */
export interface CredentialSource {
  /** Stack-config key holding the Cloud API key, e.g. `"teamA:cloudApiKey"` (any namespace). */
  apiKeyConfig?: string;
  /** Stack-config key holding its secret, e.g. `"teamA:cloudApiSecret"` (set it with `--secret`). */
  apiSecretConfig?: string;
  /** Environment variable holding the Cloud API key, e.g. `"TEAM_A_CLOUD_API_KEY"`. */
  apiKeyEnv?: string;
  /** Environment variable holding its secret, e.g. `"TEAM_A_CLOUD_API_SECRET"`. */
  apiSecretEnv?: string;
}

const CREDENTIAL_SOURCE_FIELDS = ["apiKeyConfig", "apiSecretConfig", "apiKeyEnv", "apiSecretEnv"] as const;

/** Why a credential source is malformed (a list of reasons naming the field), empty when it is fine. */
export function credentialSourceProblems(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    return [
      "credentials must be an object such as { apiKeyConfig: 'teamA:cloudApiKey', apiSecretConfig: 'teamA:cloudApiSecret' }",
    ];
  }
  const record = value as Record<string, unknown>;
  const problems = Object.keys(record)
    .filter((key) => !(CREDENTIAL_SOURCE_FIELDS as readonly string[]).includes(key))
    .map((key) => `credentials.${key} is not a known field: use ${CREDENTIAL_SOURCE_FIELDS.join(", ")}`);
  for (const field of CREDENTIAL_SOURCE_FIELDS) {
    const name = record[field];
    if (name !== undefined && (typeof name !== "string" || name.trim() === "")) {
      problems.push(
        `credentials.${field} must be the name of ${field.endsWith("Env") ? "an environment variable" : "a stack-config key"}`,
      );
    }
  }
  if (problems.length > 0) return problems;
  if (!record.apiKeyConfig && !record.apiKeyEnv) {
    problems.push(
      "credentials names no place for the API key: set credentials.apiKeyConfig or credentials.apiKeyEnv",
    );
  }
  if (!record.apiSecretConfig && !record.apiSecretEnv) {
    problems.push(
      "credentials names no place for the API secret: set credentials.apiSecretConfig or credentials.apiSecretEnv",
    );
  }
  return problems;
}

/** True when two credential sources name the same places. */
export function sameCredentialSource(
  a: CredentialSource | undefined,
  b: CredentialSource | undefined,
): boolean {
  return CREDENTIAL_SOURCE_FIELDS.every((field) => (a?.[field] ?? undefined) === (b?.[field] ?? undefined));
}
