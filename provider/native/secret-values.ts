// Secret values as the engine sends them to a provider that accepts secrets: an object marked with
// the special signature. The lifecycle works on plain values, so inputs are unwrapped on the way in
// and the same top-level properties are marked secret again on the way out (the SDK's provider server
// would otherwise return them in plain text, and the state would lose the mark).

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

/** A copy with every secret replaced by its value. */
export function revealed(value: unknown): unknown {
  if (isSecret(value)) return revealed(value.value);
  if (Array.isArray(value)) return value.map(revealed);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealed(v)]));
  }
  return value;
}

function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

/** The top-level property names whose value is, or holds, a secret. */
export function secretKeys(inputs: Record<string, unknown> | undefined): string[] {
  return Object.entries(inputs ?? {})
    .filter(([, value]) => containsSecret(value))
    .map(([key]) => key);
}

/** `outputs` with each named property marked secret. */
export function markSecret(outputs: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const marked = { ...outputs };
  for (const key of keys) {
    if (marked[key] !== undefined && !isSecret(marked[key])) {
      marked[key] = { [SIG_KEY]: SECRET_SIG, value: marked[key] };
    }
  }
  return marked;
}

/** The text values held inside secrets: what must not be shown in any message. */
export function secretTexts(...values: unknown[]): string[] {
  const found = new Set<string>();
  const collect = (value: unknown, inSecret: boolean): void => {
    if (isSecret(value)) return collect(value.value, true);
    if (Array.isArray(value)) return value.forEach((item) => collect(item, inSecret));
    if (typeof value === "object" && value !== null) {
      return Object.values(value).forEach((item) => collect(item, inSecret));
    }
    if (inSecret && value !== undefined && value !== null && String(value).length > 0)
      found.add(String(value));
  };
  values.forEach((value) => collect(value, false));
  // Longest first, so that a secret holding another is hidden whole.
  return [...found].sort((a, b) => b.length - a.length);
}

export const HIDDEN = "[secret]";

/** `text` with every secret text in it replaced by a placeholder. */
export function hideSecrets(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join(HIDDEN), text);
}

/**
 * The top-level output names whose value holds a secret text: outputs the API builds from a secret
 * input (the CRN in `resourceName` holds the environment and network IDs) are secret too.
 */
export function derivedSecretKeys(outputs: Record<string, unknown>, secrets: string[]): string[] {
  if (secrets.length === 0) return [];
  return Object.entries(outputs)
    .filter(([, value]) => {
      const text = JSON.stringify(revealed(value)) ?? "";
      return secrets.some((secret) => text.includes(secret));
    })
    .map(([key]) => key);
}
