import type { EndpointRecord, NetworkRecord, ServiceRecord, View } from "../store/types";

/** Turns store records into wire bodies shaped like the Terraform provider's recorded fixtures. */
export interface RenderContext {
  /** `http://host:port` of the request, so links point back at this emulator. */
  base: string;
  org: string;
}

const V1 = "/networking/v1";
const iso = (ms: number) => new Date(ms).toISOString();

function crn(ctx: RenderContext, env: string, ...rest: string[]): string {
  return [`crn://confluent.cloud/organization=${ctx.org}/environment=${env}`, ...rest].join("/");
}

function envRef(ctx: RenderContext, env: string) {
  return { id: env, related: `${ctx.base}/v2/environments/${env}`, resource_name: crn(ctx, env) };
}

function networkRef(ctx: RenderContext, env: string, network: string) {
  return {
    id: network,
    environment: env,
    related: `${ctx.base}${V1}/networks/${network}?environment=${env}`,
    resource_name: crn(ctx, env, `network=${network}`),
  };
}

function serviceRef(ctx: RenderContext, env: string, network: string, service: string) {
  return {
    id: service,
    environment: env,
    related: `${ctx.base}${V1}/network-link-services/${service}?environment=${env}`,
    resource_name: crn(ctx, env, `network=${network}`, `network-link-service=${service}`),
  };
}

function metadata(
  ctx: RenderContext,
  path: string,
  resourceName: string,
  record: ServiceRecord | EndpointRecord | NetworkRecord,
) {
  const meta: {
    self: string;
    resource_name: string;
    created_at: string;
    updated_at: string;
    deleted_at?: string;
  } = {
    self: `${ctx.base}${V1}/${path}`,
    resource_name: resourceName,
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
  if ("deletingAt" in record && record.deletingAt !== undefined) {
    meta.deleted_at = iso(record.goneAt ?? record.deletingAt);
  }
  return meta;
}

/** The real API answers an emptied accept list with `null` (recorded updated_nls.json), not `[]`. */
const listOrNull = (list: string[]) => (list.length > 0 ? [...list] : null);

export function renderService(ctx: RenderContext, { record: s, status }: View<ServiceRecord>) {
  return {
    api_version: "networking/v1",
    kind: "NetworkLinkService",
    id: s.id,
    metadata: metadata(
      ctx,
      `network-link-services/${s.id}?environment=${s.environment}`,
      crn(ctx, s.environment, `network=${s.network}`, `network-link-service=${s.id}`),
      s,
    ),
    spec: {
      display_name: s.display_name,
      description: s.description,
      accept: { environments: listOrNull(s.accept.environments), networks: listOrNull(s.accept.networks) },
      environment: envRef(ctx, s.environment),
      network: networkRef(ctx, s.environment, s.network),
    },
    status,
  };
}

export function renderEndpoint(ctx: RenderContext, { record: e, status }: View<EndpointRecord>) {
  return {
    api_version: "networking/v1",
    kind: "NetworkLinkEndpoint",
    id: e.id,
    metadata: metadata(
      ctx,
      `network-link-endpoints/${e.id}?environment=${e.environment}`,
      crn(ctx, e.environment, `network=${e.network}`, `network-link-endpoint=${e.id}`),
      e,
    ),
    spec: {
      display_name: e.display_name,
      description: e.description,
      environment: envRef(ctx, e.environment),
      network: networkRef(ctx, e.environment, e.network),
      network_link_service: serviceRef(ctx, e.serviceEnvironment, e.serviceNetwork, e.service),
    },
    status,
  };
}

export function renderAssociation(ctx: RenderContext, { record: e, status }: View<EndpointRecord>) {
  const query = `environment=${e.serviceEnvironment}&spec.network_link_service=${e.service}`;
  return {
    api_version: "networking/v1",
    kind: "NetworkLinkServiceAssociation",
    id: e.id,
    metadata: metadata(
      ctx,
      `network-link-service-associations/${e.id}?${query}`,
      crn(
        ctx,
        e.serviceEnvironment,
        `network=${e.serviceNetwork}`,
        `network-link-service=${e.service}`,
        `network-link-endpoint=${e.id}`,
      ),
      e,
    ),
    spec: {
      display_name: e.display_name,
      description: e.description,
      network_link_endpoint: e.id,
      network_link_service: serviceRef(ctx, e.serviceEnvironment, e.serviceNetwork, e.service),
      environment: envRef(ctx, e.environment),
    },
    status,
  };
}

/** A network is always READY; it supports and uses the connection types it was seeded with. */
export function renderNetwork(ctx: RenderContext, { record: n, status }: View<NetworkRecord>) {
  return {
    api_version: "networking/v1",
    kind: "Network",
    id: n.id,
    metadata: metadata(
      ctx,
      `networks/${n.id}?environment=${n.environment}`,
      crn(ctx, n.environment, `network=${n.id}`),
      n,
    ),
    spec: {
      display_name: n.display_name,
      cloud: n.cloud,
      region: n.region,
      connection_types: [...n.connection_types],
      ...(n.cidr === undefined ? {} : { cidr: n.cidr }),
      environment: envRef(ctx, n.environment),
    },
    status: {
      phase: status.phase,
      supported_connection_types: [...n.connection_types],
      active_connection_types: [...n.connection_types],
    },
  };
}
