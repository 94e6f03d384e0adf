import { z } from "zod";

// Input validation shared by the resources: zod schemas whose messages name the rule and the fix.

export const ENVIRONMENT_ID = /^env-[a-z0-9]+$/;
export const NETWORK_ID = /^(n|nr)-[a-z0-9]+$/;
export const SERVICE_ID = /^nls-[a-z0-9]+$/;
export const ENDPOINT_ID = /^nle-[a-z0-9]+$/;

export const environmentId = z
  .string({ error: "is required: the ID of a Confluent Cloud environment, like 'env-abc123'" })
  .regex(ENVIRONMENT_ID, {
    error: (issue) => `must be an environment ID like 'env-abc123', got '${String(issue.input)}'`,
  });

export const networkId = z
  .string({ error: "is required: the ID of a Confluent Cloud network, like 'n-abc123'" })
  .regex(NETWORK_ID, {
    error: (issue) => `must be a network ID like 'n-abc123', got '${String(issue.input)}'`,
  });

export const serviceId = z
  .string({ error: "is required: the ID of a network link service, like 'nls-abc123'" })
  .regex(SERVICE_ID, {
    error: (issue) => `must be a network link service ID like 'nls-abc123', got '${String(issue.input)}'`,
  });

export const endpointId = z.string().regex(ENDPOINT_ID, {
  error: (issue) => `must be a network link endpoint ID like 'nle-abc123', got '${String(issue.input)}'`,
});

export const displayName = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, { error: "must not be empty: give a display name, or leave it out to use the resource name" })
  .max(255, { error: "must be at most 255 characters" });

export const description = z
  .string({ error: "must be a string" })
  .max(1024, { error: "must be at most 1024 characters" });

export const timeoutSeconds = z
  .number({ error: "must be a number of seconds" })
  .int({ error: "must be a whole number of seconds" })
  .min(1, { error: "must be at least 1 second" })
  .max(24 * 3600, { error: "must be at most 86400 seconds (24 hours)" });

/** A list of unique IDs; a duplicate names its position. */
export function uniqueIds(item: z.ZodString, what: string) {
  return z.array(item, { error: `must be a list of ${what}` }).superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `lists '${id}' twice: each ${what.replace(/s$/, "")} may appear once`,
        });
      }
    });
  });
}

export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * What the dynamic-provider host passes to `check` for a value not known yet (during a preview, the
 * ID of a service still to be created). Such a value cannot be checked now; it is checked again when
 * known.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Checks inputs with a schema, ignoring what it says about values that are not known yet. */
export function checkInputs<T>(
  schema: z.ZodType<T>,
  news: Record<string, unknown>,
): { inputs: T; failures?: undefined } | { inputs?: undefined; failures: CheckFailure[] } {
  const parsed = schema.safeParse(news);
  if (parsed.success) return { inputs: { ...news, ...parsed.data } as T };
  const known = parsed.error.issues.filter((issue) => !pathTouchesUnknown(news, issue.path));
  if (known.length === 0) return { inputs: news as T };
  return { failures: toFailures(new z.ZodError(known)) };
}

function pathTouchesUnknown(value: unknown, path: readonly PropertyKey[]): boolean {
  let current = value;
  for (const key of path) {
    if (isUnknown(current)) return true;
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  if (isUnknown(current)) return true;
  // A uniqueness or cross-field rule about a list or object holding an unknown value cannot be decided yet.
  return current !== null && typeof current === "object" && Object.values(current).some(isUnknown);
}

/** Maps zod issues to the `{ property, reason }` failures Pulumi shows under the resource. */
export function toFailures(error: z.ZodError): CheckFailure[] {
  return error.issues.map((issue) => {
    const property = issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join("");
    return { property: property || "(inputs)", reason: `${property || "inputs"} ${issue.message}` };
  });
}

/** Sorted, de-duplicated copy: the API treats accept lists as sets. */
export function asSet(values: readonly string[] | null | undefined): string[] {
  // A list not known yet (a preview) stays a single opaque value, so it never equals a known list.
  if (values !== null && values !== undefined && !Array.isArray(values)) return [String(values)];
  return [...new Set(values ?? [])].sort();
}

export function sameSet(
  a: readonly string[] | null | undefined,
  b: readonly string[] | null | undefined,
): boolean {
  const x = asSet(a);
  const y = asSet(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
