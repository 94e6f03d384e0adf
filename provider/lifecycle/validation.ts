// The rules on the resources' inputs, each limit defined once: zod schemas whose messages name the
// rule and the fix, and quote a value only when it is short and cannot be a secret. Both front doors
// (the dynamic resources and the native provider) check through these at preview, and the components
// build their accept lists within the same LIMITS, so nothing the API would refuse for its shape
// reaches `up`.
//
// Every limit the API states on what we send, and where it comes from. [SPEC] is
// ../shared/reference/network-links.openapi.yaml (components.schemas); [EMU] is the emulator's request
// schemas (emulator/routes/request-schemas.ts), for limits no published source states. Lengths count
// characters (Unicode code points), as JSON Schema's maxLength does and zod measures.
//
// | Input (wire field)                               | Limit                               | Source
// | ------------------------------------------------ | ----------------------------------- | -----------------------------------------------------------------------
// | environment.id (spec.environment.id)             | 1 to 255 characters                 | [SPEC] GlobalObjectReference.id maxLength 255, minLength 1
// | network.id (spec.network.id)                     | 1 to 255 characters                 | [SPEC] EnvScopedObjectReference.id maxLength 255, minLength 1
// | networkLinkService.id (…network_link_service.id) | 1 to 255 characters                 | [SPEC] EnvScopedObjectReference.id
// | networkLinkService.environment (….environment)   | 1 to 255 characters                 | [SPEC] EnvScopedObjectReference.environment maxLength 255
// | adoptExistingId (a GET's path)                   | 1 to 255 characters                 | [SPEC] NetworkLinkService.id, NetworkLinkEndpoint.id maxLength 255
// | accept.environments (spec.accept.environments)   | each once; at most 1000             | [SPEC] AcceptPolicy uniqueItems; the count [EMU], no maxItems in [SPEC]
// | accept.networks (spec.accept.networks)           | each once; at most 1000             | as accept.environments
// | accept.*[i]                                      | 1 to 255 characters                 | as the IDs above ([SPEC] gives the items no limit of their own)
// | displayName (spec.display_name)                  | 1 to 255 characters                 | [EMU]; [SPEC] gives none; not empty (after trim) is ours
// | description (spec.description)                   | at most 255 characters              | [EMU]; [SPEC] gives none
// | the form of each ID                              | env-, n-/nr-, nls-, nle- + [a-z0-9] | not in [SPEC]: the fixtures and Terraform (networking-api.md §4)
// | enums on inputs                                  | none                                | [SPEC] has enums on read-only fields only (kind, api_version, phase)
// | ready/deleteTimeoutSeconds                       | 1 to 86400                          | ours: never sent
//
// The per-network and per-organization counts (1 service, 5 endpoints per network, 20 links) need
// the API's current state, so the components check them (components/shared.ts), not these schemas.

import { z } from "zod";
import { ID_FORMS, ID_MAX_LENGTH, IdType } from "../client/ids";
import { gotValue } from "../client/redaction";
import { CredentialSource, credentialSourceProblems } from "../credential-source";

/** The API's limits on inputs (the emulator enforces the same). */
export const LIMITS = {
  idLength: ID_MAX_LENGTH,
  displayNameLength: 255,
  descriptionLength: 255,
  /** IDs in each of `accept.environments` and `accept.networks`. */
  acceptListItems: 1000,
  timeoutSeconds: { min: 1, max: 24 * 3600 },
} as const;

/** "; got N" for a value over a length limit: its length, never the value. */
function gotLength(input: unknown): string {
  return typeof input === "string" || Array.isArray(input) ? `; got ${lengthOf(input)}` : "";
}

function lengthOf(value: string | unknown[]): number {
  return typeof value === "string" ? [...value].length : value.length;
}

/** At most `max` characters: the message names the API's limit and the length given. */
function maxText(max: number, limitOf = "") {
  return {
    error: (issue: { input?: unknown }) =>
      `must be at most ${max} characters (the API's limit${limitOf})${gotLength(issue.input)}`,
  };
}

function idSchema(type: IdType, required: string) {
  const form = ID_FORMS[type];
  return z
    .string({ error: `is required: ${required}` })
    .max(LIMITS.idLength, maxText(LIMITS.idLength, " for an ID"))
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
  .max(LIMITS.displayNameLength, maxText(LIMITS.displayNameLength));

export const description = z
  .string({ error: "must be a string" })
  .max(LIMITS.descriptionLength, maxText(LIMITS.descriptionLength));

export const timeoutSeconds = z
  .number({ error: "must be a number of seconds" })
  .int({ error: "must be a whole number of seconds" })
  .min(LIMITS.timeoutSeconds.min, { error: "must be at least 1 second" })
  .max(LIMITS.timeoutSeconds.max, { error: "must be at most 86400 seconds (24 hours)" });

/** `{ id }` of an environment or network, with what it is for when missing. */
export function idReference(type: "environment" | "network", role: string) {
  const example = ID_FORMS[type].example.replace(/abc123$/, "…");
  return z.strictObject(
    { id: type === "environment" ? environmentId : networkId },
    { error: `is required: { id: '${example}' }, ${role}` },
  );
}

/**
 * A list of at most `LIMITS.acceptListItems` unique IDs: a duplicate names its position; a list over
 * the limit says how many to remove, or `instead`.
 */
export function uniqueIds(item: z.ZodString, what: string, instead?: string) {
  const max = LIMITS.acceptListItems;
  return z
    .array(item, { error: `must be a list of ${what}` })
    .max(max, {
      error: (issue) => {
        const count = Array.isArray(issue.input) ? issue.input.length : max + 1;
        const fix = `remove ${count - max}${instead ? `, or ${instead}` : ""}`;
        return `must list at most ${max} ${what} (the API's limit); got ${count}: ${fix}`;
      },
    })
    .superRefine((ids, ctx) => {
      // A Set, not indexOf: a list far over the limit is still checked in linear time.
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id)) {
          ctx.addIssue({
            code: "custom",
            path: [index],
            message: `lists${gotValue(id).replace(/^, got/, "")} twice: each ${what.replace(/s$/, "")} may appear once`,
          });
        }
        seen.add(id);
      });
    });
}

/** A service's accept policy: who may connect, by environment and by network. */
export const acceptPolicy = z.strictObject({
  environments: uniqueIds(environmentId, "environment IDs").optional(),
  networks: uniqueIds(
    networkId,
    "network IDs",
    "admit whole environments through accept.environments instead of listing each of their networks",
  ).optional(),
});

/** The `credentials` input as the provider checks it: names only, never values. */
export const credentialSourceSchema = z.unknown().superRefine((value, ctx) => {
  for (const message of credentialSourceProblems(value)) {
    ctx.addIssue({ code: "custom", message: message.replace(/^credentials(\.| )/, "") });
  }
}) as unknown as z.ZodType<CredentialSource>;

/** What every type takes besides its own fields. */
export const commonInputs = {
  displayName,
  description: description.optional(),
  readyTimeoutSeconds: timeoutSeconds.optional(),
  deleteTimeoutSeconds: timeoutSeconds.optional(),
  /** Where the resource's API key comes from (names of config keys or variables, never values). */
  credentials: credentialSourceSchema.optional(),
};
