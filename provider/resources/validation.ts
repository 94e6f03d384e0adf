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
