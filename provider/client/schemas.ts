// Wire objects of the networking API as zod schemas.
import { z } from "zod";

// Wire objects of the networking API. Objects are loose: the API may add fields, and its phase enum is
// declared extensible, so unknown values pass through instead of failing a read.

const reference = z.looseObject({
  id: z.string(),
  related: z.string().nullish(),
  resource_name: z.string().nullish(),
});

const envScopedReference = reference.extend({ environment: z.string().nullish() });

const objectMeta = z.looseObject({
  self: z.string(),
  resource_name: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  deleted_at: z.string().nullish(),
});

const status = z.looseObject({
  phase: z.string(),
  error_code: z.string().nullish(),
  error_message: z.string().nullish(),
  expires_at: z.string().nullish(),
});

// An emptied list can come back as null (see updated_nls.json).
const acceptPolicy = z.looseObject({
  environments: z.array(z.string()).nullish(),
  networks: z.array(z.string()).nullish(),
});

/**
 * A service or an endpoint: the envelope, and the spec fields both types have (name, description,
 * environment, network), with the type's own spec fields added.
 */
function linkObjectSchema<Own extends z.ZodRawShape>(ownSpec: Own) {
  return z.looseObject({
    api_version: z.string().optional(),
    kind: z.string().optional(),
    id: z.string(),
    metadata: objectMeta.optional(),
    spec: z.looseObject({
      display_name: z.string().nullish(),
      description: z.string().nullish(),
      environment: reference,
      network: envScopedReference,
      ...ownSpec,
    }),
    status,
  });
}

/**
 * A network, as far as this package reads it: where it runs. Everything else the API sends passes
 * through untouched.
 */
export const networkSchema = z.looseObject({
  id: z.string(),
  spec: z.looseObject({
    cloud: z.string().nullish(),
    region: z.string().nullish(),
  }),
});
export type Network = z.infer<typeof networkSchema>;

export const networkLinkServiceSchema = linkObjectSchema({ accept: acceptPolicy.nullish() });

export const networkLinkEndpointSchema = linkObjectSchema({ network_link_service: envScopedReference });

export const networkLinkServiceAssociationSchema = z.looseObject({
  id: z.string(),
  metadata: objectMeta.optional(),
  spec: z.looseObject({
    display_name: z.string().nullish(),
    description: z.string().nullish(),
    network_link_endpoint: z.string().nullish(),
    network_link_service: envScopedReference.nullish(),
    environment: reference.nullish(),
  }),
  status,
});

const listMeta = z.looseObject({
  first: z.string().nullish(),
  last: z.string().nullish(),
  prev: z.string().nullish(),
  next: z.string().nullish(),
  total_size: z.number().int().nullish(),
});

export function listSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    api_version: z.string().optional(),
    kind: z.string().optional(),
    metadata: listMeta,
    data: z.array(item),
  });
}

export const errorEnvelopeSchema = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        id: z.string().nullish(),
        status: z.string().nullish(),
        code: z.string().nullish(),
        title: z.string().nullish(),
        detail: z.string().nullish(),
        source: z.looseObject({ pointer: z.string().nullish(), parameter: z.string().nullish() }).nullish(),
      }),
    )
    .min(1),
});

export type NetworkLinkService = z.infer<typeof networkLinkServiceSchema>;
export type NetworkLinkEndpoint = z.infer<typeof networkLinkEndpointSchema>;
export type NetworkLinkServiceAssociation = z.infer<typeof networkLinkServiceAssociationSchema>;
export type AcceptPolicy = z.infer<typeof acceptPolicy>;

/** Body of POST /network-link-services. */
export interface CreateServiceRequest {
  spec: {
    environment: { id: string };
    network: { id: string };
    display_name?: string;
    description?: string;
    accept?: { environments: string[]; networks: string[] };
  };
}

/** Body of PATCH /network-link-services/{id}: the create body without the network (not updatable); the environment locates the resource. */
export interface UpdateServiceRequest {
  spec: Omit<CreateServiceRequest["spec"], "network">;
}

/** Body of POST /network-link-endpoints. */
export interface CreateEndpointRequest {
  spec: {
    environment: { id: string };
    network: { id: string };
    network_link_service: { id: string };
    display_name?: string;
    description?: string;
  };
}

/** Body of PATCH /network-link-endpoints/{id}. */
export interface UpdateEndpointRequest {
  spec: { environment: { id: string }; display_name?: string; description?: string };
}
