// The forms of the API's IDs, defined once: the client refuses to build a path from anything else,
// and the resources' input checks use the same patterns and length limit.

/** The API's limit on any ID (and the longest value a path segment or filter may carry). */
export const ID_MAX_LENGTH = 255;

export const ID_FORMS = {
  environment: { pattern: /^env-[a-z0-9]+$/, what: "an environment ID", example: "env-abc123" },
  network: { pattern: /^(n|nr)-[a-z0-9]+$/, what: "a network ID", example: "n-abc123" },
  service: { pattern: /^nls-[a-z0-9]+$/, what: "a network link service ID", example: "nls-abc123" },
  endpoint: { pattern: /^nle-[a-z0-9]+$/, what: "a network link endpoint ID", example: "nle-abc123" },
  // The association of an endpoint: the emulator and the CLI's fake use the endpoint's ID, the spec `nlsa-`.
  association: { pattern: /^(nle|nlsa)-[a-z0-9]+$/, what: "a service association ID", example: "nle-abc123" },
} as const;

export type IdType = keyof typeof ID_FORMS;

export function isId(type: IdType, value: unknown): value is string {
  return typeof value === "string" && value.length <= ID_MAX_LENGTH && ID_FORMS[type].pattern.test(value);
}

/** The ID itself, or an error naming the expected form, before it goes into a path or a query. */
export function checkedId(type: IdType, id: unknown): string {
  if (isId(type, id)) return id;
  const form = ID_FORMS[type];
  const shown = typeof id === "string" && String(id).length <= 64 && /^[\w.-]*$/.test(id) ? ` '${id}'` : "";
  throw new Error(`the ID${shown} is not ${form.what} like '${form.example}'; no request was sent`);
}
