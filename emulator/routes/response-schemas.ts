/**
 * The emulator's own response schemas (JSON Schema), declared on every route. Fastify serializes
 * with them, and `checkResponses` validates every body against them before it is sent, so a field
 * the emulator forgets or invents fails the request in every test run. Written from the shapes in
 * networking-api.md §4–§7; the upstream OpenAPI check is the separate conformance part.
 */
type Schema = Record<string, unknown>;

const str = { type: "string" };
const time = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$" };

const object = (
  properties: Record<string, Schema>,
  required: string[] = Object.keys(properties),
): Schema => ({
  type: "object",
  additionalProperties: false,
  properties,
  required,
});

const ref = object({ id: str, related: str, resource_name: str });
const envScopedRef = object({ id: str, environment: str, related: str, resource_name: str });
/** The real API answers an emptied accept list with `null` (recorded updated_nls.json). */
const idList = { type: ["array", "null"], items: str, uniqueItems: true };

const metadata = object(
  { self: str, resource_name: str, created_at: time, updated_at: time, deleted_at: time },
  ["self", "resource_name", "created_at", "updated_at"],
);

const status = object({ phase: str, error_code: str, error_message: str, expires_at: time }, ["phase"]);

const resource = (kind: string, spec: Schema, statusSchema: Schema = status): Schema =>
  object({
    api_version: { const: "networking/v1" },
    kind: { const: kind },
    id: str,
    metadata,
    spec,
    status: statusSchema,
  });

export const serviceSchema = resource(
  "NetworkLinkService",
  object({
    display_name: str,
    description: str,
    accept: object({ environments: idList, networks: idList }),
    environment: ref,
    network: envScopedRef,
  }),
);

export const endpointSchema = resource(
  "NetworkLinkEndpoint",
  object({
    display_name: str,
    description: str,
    environment: ref,
    network: envScopedRef,
    network_link_service: envScopedRef,
  }),
);

export const associationSchema = resource(
  "NetworkLinkServiceAssociation",
  object({
    display_name: str,
    description: str,
    network_link_endpoint: str,
    network_link_service: envScopedRef,
    environment: ref,
  }),
);

const connectionTypes = {
  type: "array",
  minItems: 1,
  uniqueItems: true,
  items: { enum: ["PEERING", "TRANSITGATEWAY", "PRIVATELINK"] },
};

export const networkSchema = resource(
  "Network",
  object(
    {
      display_name: str,
      cloud: { enum: ["AWS", "GCP", "AZURE"] },
      region: { type: "string", minLength: 1 },
      connection_types: connectionTypes,
      cidr: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$" },
      environment: ref,
    },
    ["display_name", "cloud", "region", "connection_types", "environment"],
  ),
  object({
    phase: { const: "READY" },
    supported_connection_types: connectionTypes,
    active_connection_types: connectionTypes,
  }),
);

export const listSchema = (kind: string, item: Schema): Schema =>
  object({
    api_version: { const: "networking/v1" },
    kind: { const: kind },
    metadata: object({ first: str, next: str, total_size: { type: "integer", minimum: 0 } }, [
      "first",
      "total_size",
    ]),
    data: { type: "array", items: item },
  });

/** The Confluent error envelope: exactly one error, every field filled. */
export const errorSchema = object({
  errors: {
    type: "array",
    minItems: 1,
    maxItems: 1,
    items: object(
      {
        id: str,
        status: { type: "string", pattern: "^[45]\\d\\d$" },
        code: { type: "string", minLength: 1 },
        title: { type: "string", minLength: 1 },
        detail: { type: "string", minLength: 1 },
        source: {
          type: "object",
          additionalProperties: false,
          properties: { pointer: str, parameter: str },
          minProperties: 1,
          maxProperties: 1,
        },
      },
      ["id", "status", "code", "title", "detail"],
    ),
  },
});

/** Success schemas by status; every route also answers errors in the envelope. */
export function responses(success: Record<number, Schema | null>): Record<string, Schema> {
  const out: Record<string, Schema> = { "4xx": errorSchema, "5xx": errorSchema };
  for (const [code, schema] of Object.entries(success)) out[code] = schema ?? { type: "null" };
  return out;
}

// ---- admin API --------------------------------------------------------------------------------

const count = { type: "integer", minimum: 0 };
export const okSchema = object({ ok: { const: true } });
/** A seeded network as the admin API shows it (not the networking API's Network). */
export const adminNetworkSchema = object(
  {
    id: str,
    environment: str,
    kafka_clusters: count,
    display_name: str,
    cloud: str,
    region: str,
    connection_types: { type: "array", items: str },
    cidr: str,
  },
  ["id", "environment", "kafka_clusters", "display_name", "cloud", "region", "connection_types"],
);
export const delaysSchema = object({
  serviceProvisioningMs: count,
  endpointProvisioningMs: count,
  deprovisioningMs: count,
  pendingAcceptExpiryMs: count,
  disconnectingMs: count,
});
export const faultsSchema = object({
  rateLimit: { anyOf: [{ type: "null" }, object({ requestsPerSecond: { type: "number" } })] },
  errors: {
    anyOf: [
      { type: "null" },
      object(
        {
          count: count,
          fraction: { type: "number" },
          status: count,
          methods: { type: "array", items: str },
        },
        [],
      ),
    ],
  },
  latencyMs: count,
  dropCreateResponses: count,
  resetConnections: count,
  createFaults: {
    type: "array",
    items: object({ phase: str, answer: str, hangMs: count }, []),
  },
  listLagMs: count,
  onlyKey: { anyOf: [{ type: "null" }, str] },
  clockSkewMs: { type: "integer" },
});
export const countersSchema = object({
  total: count,
  reads: count,
  writes: count,
  byRoute: { type: "object", additionalProperties: count },
});
export const stateSchema = object({
  organization_id: str,
  environments: { type: "array", items: str },
  networks: { type: "array", items: adminNetworkSchema },
  services: { type: "array", items: serviceSchema },
  endpoints: { type: "array", items: endpointSchema },
  delays: delaysSchema,
});
export const credentialsSchema = object({
  credentials: {
    type: "array",
    items: object(
      {
        key: str,
        token: { const: true },
        environments: { anyOf: [{ type: "null" }, { type: "array", items: str }] },
      },
      ["environments"],
    ),
  },
});
export const healthSchema = object({ status: { const: "ok" }, uptime_seconds: { type: "number" } });
