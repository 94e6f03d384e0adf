import { z } from "zod";
import { ID_FORMS, ID_MAX_LENGTH, IdKind } from "../client/ids";
import { gotValue } from "../client/redaction";
import { credentialSourceSchema } from "./credential-schema";

// The rules on the resources' inputs, each limit defined once: zod schemas whose messages name the
// rule and the fix, and quote a value only when it is short and cannot be a secret.

/** The API's limits on text inputs (the emulator enforces the same). */
export const LIMITS = {
  idLength: ID_MAX_LENGTH,
  displayNameLength: 255,
  descriptionLength: 255,
  timeoutSeconds: { min: 1, max: 24 * 3600 },
} as const;

function idSchema(kind: IdKind, required: string) {
  const form = ID_FORMS[kind];
  return z
    .string({ error: `is required: ${required}` })
    .max(LIMITS.idLength, { error: `must be at most ${LIMITS.idLength} characters` })
    .regex(form.pattern, {
      error: (issue) => `must be ${form.what} like '${form.example}'${gotValue(issue.input)}`,
    });
}

export const environmentId = idSchema(
  "environment",
  "the ID of a Confluent Cloud environment, like 'env-abc123'",
);
export const networkId = idSchema("network", "the ID of a Confluent Cloud network, like 'n-abc123'");
export const serviceId = idSchema("service", "the ID of a network link service, like 'nls-abc123'");
export const endpointId = idSchema("endpoint", "the ID of a network link endpoint, like 'nle-abc123'");

export const displayName = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, { error: "must not be empty: give a display name, or leave it out to use the resource name" })
  .max(LIMITS.displayNameLength, { error: `must be at most ${LIMITS.displayNameLength} characters` });

export const description = z
  .string({ error: "must be a string" })
  .max(LIMITS.descriptionLength, { error: `must be at most ${LIMITS.descriptionLength} characters` });

export const timeoutSeconds = z
  .number({ error: "must be a number of seconds" })
  .int({ error: "must be a whole number of seconds" })
  .min(LIMITS.timeoutSeconds.min, { error: "must be at least 1 second" })
  .max(LIMITS.timeoutSeconds.max, { error: "must be at most 86400 seconds (24 hours)" });

/** `{ id }` of an environment or network, with what it is for when missing. */
export function idReference(kind: "environment" | "network", role: string) {
  const example = ID_FORMS[kind].example.replace(/abc123$/, "…");
  return z.strictObject(
    { id: kind === "environment" ? environmentId : networkId },
    { error: `is required: { id: '${example}' }, ${role}` },
  );
}

/** A list of unique IDs; a duplicate names its position. */
export function uniqueIds(item: z.ZodString, what: string) {
  return z.array(item, { error: `must be a list of ${what}` }).superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `lists${gotValue(id).replace(/^, got/, "")} twice: each ${what.replace(/s$/, "")} may appear once`,
        });
      }
    });
  });
}

/** What every kind takes besides its own fields. */
export const commonInputs = {
  displayName,
  description: description.optional(),
  readyTimeoutSeconds: timeoutSeconds.optional(),
  deleteTimeoutSeconds: timeoutSeconds.optional(),
  /** Where the resource's API key comes from (names of config keys or variables, never values). */
  credentials: credentialSourceSchema.optional(),
};
