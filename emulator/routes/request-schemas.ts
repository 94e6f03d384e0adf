/**
 * Request parts as zod schemas, declared on the routes (fastify runs them through
 * `zodValidatorCompiler`). Unknown fields are refused; read-only fields are ignored.
 */
import { z } from "zod";

export const ID = {
  // The spec's limit is on the whole ID (references' `id` maxLength 255), the prefix included.
  environment: /^(?=.{1,255}$)env-[a-z0-9]+$/,
  network: /^(?=.{1,255}$)(n|nr)-[a-z0-9]+$/,
  service: /^(?=.{1,255}$)nls-[a-z0-9]+$/,
  endpoint: /^(?=.{1,255}$)nle-[a-z0-9]+$/,
};

const idOf = (pattern: RegExp, what: string) =>
  z.string().regex(pattern, { message: `must be a valid ${what} ID` });

// ---- path and query -----------------------------------------------------------------------------

export const idParams = (pattern: RegExp, what: string) =>
  z.object({
    id: z.string().regex(pattern, {
      error: (issue) => `'${String(issue.input).slice(0, 80)}' is not a valid ${what} ID.`,
    }),
  });

/** A required single-valued ID parameter such as `environment`. */
export const requiredId = (name: string, pattern: RegExp) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `The query parameter '${name}' is required.`
          : `The query parameter '${name}' takes one value.`,
    })
    .min(1, { message: `The query parameter '${name}' is required.` })
    .regex(pattern, {
      error: (issue) =>
        `The query parameter '${name}' has an invalid ID: '${String(issue.input).slice(0, 80)}'.`,
    });

/** Multi-value filters: repeated keys (Go SDK) and comma-joined values (curl samples) alike. */
const multi = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw) => {
    if (raw === undefined) return undefined;
    const values = (Array.isArray(raw) ? raw : [raw])
      .flatMap((value) => value.split(","))
      .filter((value) => value !== "");
    return values.length > 0 ? values : undefined;
  });

const pageSize = z
  .string({ error: "page_size must be an integer from 1 to 1000." })
  .regex(/^\d{1,7}$/, { message: "page_size must be an integer from 1 to 1000." })
  .transform(Number)
  .refine((size) => size >= 1 && size <= 1000, { message: "page_size must be an integer from 1 to 1000." })
  .optional();

const pageToken = z.string({ error: "page_token takes one value." }).optional();

/** A strict query object: an unknown key is the API's `invalid_filter`. */
const query = <S extends z.ZodRawShape>(resource: string, shape: S) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `The '${resource}' resource can't be filtered by '${issue.keys[0]}'.`
        : undefined,
  });

export const listQuery = (resource: string, filters: readonly string[]) =>
  query(resource, {
    environment: requiredId("environment", ID.environment),
    ...Object.fromEntries(filters.map((name) => [name, multi])),
    page_size: pageSize,
    page_token: pageToken,
  });

export const environmentQuery = (resource: string) =>
  query(resource, { environment: requiredId("environment", ID.environment) });

/** PATCH finds the resource through spec.environment; a query `environment` is tolerated. */
export const optionalEnvironmentQuery = (resource: string) =>
  query(resource, { environment: z.string().optional() });

export const noQuery = (resource: string) => query(resource, {});

export const associationListQuery = query("network link service associations", {
  environment: requiredId("environment", ID.environment),
  "spec.network_link_service": requiredId("spec.network_link_service", ID.service),
  "status.phase": multi,
  page_size: pageSize,
  page_token: pageToken,
});

export const associationGetQuery = query("network link service association", {
  environment: requiredId("environment", ID.environment),
  "spec.network_link_service": requiredId("spec.network_link_service", ID.service),
});

// ---- bodies -------------------------------------------------------------------------------------

/** `related` and `resource_name` in references are read-only; the Go SDK sends them empty. */
const readOnlyLink = z.string().max(2048).optional();

const ref = (pattern: RegExp, what: string) =>
  z.strictObject({ id: idOf(pattern, what), related: readOnlyLink, resource_name: readOnlyLink });

const envScopedRef = (pattern: RegExp, what: string) =>
  z.strictObject({
    id: idOf(pattern, what),
    environment: idOf(ID.environment, "environment").optional(),
    related: readOnlyLink,
    resource_name: readOnlyLink,
  });

const uniqueIds = (pattern: RegExp, what: string) =>
  z
    .array(idOf(pattern, what))
    .max(1000)
    .nullable()
    .optional()
    .refine((list) => !list || new Set(list).size === list.length, { message: "items must be unique" })
    .transform((list) => (list === null ? [] : list));

const text = z.string().max(255, { message: "must be at most 255 characters" });

const accept = z.strictObject({
  environments: uniqueIds(ID.environment, "environment"),
  networks: uniqueIds(ID.network, "network"),
});

/**
 * Read-only top-level fields: the official clients' Update models carry them and the spec says
 * clients SHOULD NOT send them, so a server ignores them. `id` is kept to compare with the path.
 */
const readOnly = {
  api_version: z.unknown().optional(),
  kind: z.unknown().optional(),
  metadata: z.unknown().optional(),
  status: z.unknown().optional(),
  id: z.unknown().optional(),
};

const body = <S extends z.ZodRawShape>(spec: S) =>
  z.strictObject({ ...readOnly, spec: z.strictObject(spec) }, { error: bodyMessage });

function bodyMessage(issue: { input?: unknown; code?: string }): string | undefined {
  if (issue.code === "invalid_type" && (issue.input === undefined || issue.input === null)) {
    return "A JSON request body is required.";
  }
  return undefined;
}

const common = {
  display_name: text.optional(),
  description: text.optional(),
  environment: ref(ID.environment, "environment"),
};

export const createServiceBody = body({
  ...common,
  network: envScopedRef(ID.network, "network"),
  accept: accept.optional(),
});

/** `x-immutable` spec fields in a PATCH: a 400 that says what may change. */
const immutable = (field: string, updatable: string) =>
  z.never({ error: `spec.${field} cannot be updated; only ${updatable} can be changed.` }).optional();

export const updateServiceBody = body({
  ...common,
  accept: accept.optional(),
  network: immutable("network", "display_name, description and accept"),
});

export const createEndpointBody = body({
  ...common,
  network: envScopedRef(ID.network, "network"),
  network_link_service: envScopedRef(ID.service, "network link service"),
});

export const updateEndpointBody = body({
  ...common,
  network: immutable("network", "display_name and description"),
  network_link_service: immutable("network_link_service", "display_name and description"),
});
