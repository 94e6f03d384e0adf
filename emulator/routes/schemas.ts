import { z } from "zod";
import { ID } from "./common";

/**
 * Request bodies as strict zod objects: unknown fields are refused. `related` and `resource_name`
 * inside references are read-only, yet the Go SDK always sends them (empty), so they are ignored.
 */
const idOf = (pattern: RegExp, what: string) =>
  z.string().regex(pattern, { message: `must be a valid ${what} ID` });

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

export const createServiceBody = z.strictObject({
  spec: z.strictObject({
    display_name: text.optional(),
    description: text.optional(),
    environment: ref(ID.environment, "environment"),
    network: envScopedRef(ID.network, "network"),
    accept: accept.optional(),
  }),
});

export const updateServiceBody = z.strictObject({
  spec: z.strictObject({
    display_name: text.optional(),
    description: text.optional(),
    environment: ref(ID.environment, "environment"),
    accept: accept.optional(),
  }),
});

export const createEndpointBody = z.strictObject({
  spec: z.strictObject({
    display_name: text.optional(),
    description: text.optional(),
    environment: ref(ID.environment, "environment"),
    network: envScopedRef(ID.network, "network"),
    network_link_service: envScopedRef(ID.service, "network link service"),
  }),
});

export const updateEndpointBody = z.strictObject({
  spec: z.strictObject({
    display_name: text.optional(),
    description: text.optional(),
    environment: ref(ID.environment, "environment"),
  }),
});

export const SERVICE_IMMUTABLE = { fields: ["network"], updatable: "display_name, description and accept" };
export const ENDPOINT_IMMUTABLE = {
  fields: ["network", "network_link_service"],
  updatable: "display_name and description",
};
