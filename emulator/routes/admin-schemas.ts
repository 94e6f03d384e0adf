/** Request schemas (zod) of the admin API. */
import { z } from "zod";
import { CLOUDS, CONNECTION_TYPES } from "../store/types";
import { ID } from "./request-schemas";

/** Request schemas of the admin API; the CLI validates its seed and credential settings with them too. */
const count = z.number().int().min(0);
const ms = z.number().int().min(0).max(2_147_483_647);
const envList = z
  .array(z.string().regex(ID.environment, { message: "must be a valid environment ID" }))
  .min(1);

export const seedSchema = z.strictObject({
  organization_id: z.string().min(1).max(255).optional(),
  environments: z.array(
    z.strictObject({
      id: z.string().regex(ID.environment, { message: "must be a valid environment ID" }),
      networks: z
        .array(
          z
            .strictObject({
              id: z.string().regex(ID.network, { message: "must be a valid network ID" }),
              kafka_clusters: count.optional(),
              cloud: z.enum(CLOUDS, { message: `must be one of ${CLOUDS.join(", ")}` }).optional(),
              region: z
                .string()
                .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
                  message: "must be a cloud region such as us-east-1 (lower-case letters, digits, dashes)",
                })
                .optional(),
              connection_types: z
                .array(z.enum(CONNECTION_TYPES, { message: `must be one of ${CONNECTION_TYPES.join(", ")}` }))
                .min(1, { message: "must list at least one connection type" })
                .refine((list) => new Set(list).size === list.length, { message: "items must be unique" })
                .optional(),
              display_name: z.string().min(1).max(255).optional(),
              cidr: z
                .string()
                .regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/, { message: "must be an IPv4 CIDR such as 10.200.0.0/16" })
                .optional(),
            })
            .refine((net) => (net.cloud === undefined) === (net.region === undefined), {
              message: "cloud and region go together: give both or neither",
              path: ["region"],
            }),
        )
        .optional(),
    }),
  ),
});

export const credentialSchema = z.union([
  z.strictObject({
    key: z.string().min(1).max(255),
    secret: z.string().min(1).max(1024),
    environments: envList.optional(),
  }),
  z.strictObject({ token: z.string().min(8).max(4096), environments: envList.optional() }),
]);

export const credentialsBody = z.strictObject({ credentials: z.array(credentialSchema).min(1) });

/** Admin writes must say they are JSON; an absent body is `null` here. */
export const resetBody = z.strictObject({ keepSeed: z.boolean().optional() }).nullable();
export const emptyBody = z.strictObject({}).nullable();

export const kafkaClustersBody = z.strictObject({ kafka_clusters: count });

export const phaseBody = z.strictObject({
  phase: z.string().min(1).max(64).nullable(),
  error_code: z.string().max(255).optional(),
  error_message: z.string().max(2048).optional(),
});

export const faultsBody = z.strictObject({
  rateLimit: z
    .strictObject({ requestsPerSecond: z.number().positive().max(1e9) })
    .nullable()
    .optional(),
  errors: z
    .strictObject({
      count: count.optional(),
      fraction: z.number().min(0).max(1).optional(),
      status: z.number().int().min(400).max(599).optional(),
      methods: z.array(z.string().max(16).toUpperCase()).max(16).optional(),
    })
    .nullable()
    .optional(),
  latencyMs: ms.optional(),
  dropCreateResponses: count.optional(),
  resetConnections: count.optional(),
  createFaults: z
    .array(
      z.strictObject({
        phase: z.string().min(1).max(64).optional(),
        answer: z.enum(["drop", "gateway-error", "hang", "message-body", "no-status-body"]).optional(),
        hangMs: ms.optional(),
      }),
    )
    .max(1000)
    .optional(),
  listLagMs: ms.optional(),
  onlyKey: z.string().min(1).max(256).nullable().optional(),
  clockSkewMs: z.number().int().min(-1e12).max(1e12).optional(),
});

export const delaysBody = z.strictObject({
  serviceProvisioningMs: ms.optional(),
  endpointProvisioningMs: ms.optional(),
  deprovisioningMs: ms.optional(),
  pendingAcceptExpiryMs: ms.optional(),
  disconnectingMs: ms.optional(),
});

export const networkParams = z.object({
  id: z.string().regex(ID.network, {
    error: (issue) => `'${String(issue.input).slice(0, 80)}' is not a valid network ID.`,
  }),
});
export const resourceParams = z.object({
  id: z.string().regex(/^(nls|nle)-[a-z0-9]{1,250}$/, {
    error: (issue) =>
      `'${String(issue.input).slice(0, 80)}' is not a valid network link service or endpoint ID.`,
  }),
});
