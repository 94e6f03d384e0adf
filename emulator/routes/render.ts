/** Turns store records into wire bodies shaped like the Terraform provider's recorded fixtures. */
import type { EndpointRecord, NetworkRecord, ServiceRecord, View } from "../store/types";

/** What a rendering needs from the request: where links point, and the organization in CRNs. */
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

export function renderService(ctx: RenderContext, { record: service, status }: View<ServiceRecord>) {
  return {
    api_version: "networking/v1",
    kind: "NetworkLinkService",
    id: service.id,
    metadata: metadata(
      ctx,
      `network-link-services/${service.id}?environment=${service.environment}`,
      crn(ctx, service.environment, `network=${service.network}`, `network-link-service=${service.id}`),
      service,
    ),
    spec: {
      display_name: service.display_name,
      description: service.description,
      accept: {
        environments: listOrNull(service.accept.environments),
        networks: listOrNull(service.accept.networks),
      },
      environment: envRef(ctx, service.environment),
      network: networkRef(ctx, service.environment, service.network),
    },
    status,
  };
}

export function renderEndpoint(ctx: RenderContext, { record: endpoint, status }: View<EndpointRecord>) {
  return {
    api_version: "networking/v1",
    kind: "NetworkLinkEndpoint",
    id: endpoint.id,
    metadata: metadata(
      ctx,
      `network-link-endpoints/${endpoint.id}?environment=${endpoint.environment}`,
      crn(ctx, endpoint.environment, `network=${endpoint.network}`, `network-link-endpoint=${endpoint.id}`),
      endpoint,
    ),
    spec: {
      display_name: endpoint.display_name,
      description: endpoint.description,
      environment: envRef(ctx, endpoint.environment),
      network: networkRef(ctx, endpoint.environment, endpoint.network),
      network_link_service: serviceRef(
        ctx,
        endpoint.serviceEnvironment,
        endpoint.serviceNetwork,
        endpoint.service,
      ),
    },
    status,
  };
}

export function renderAssociation(ctx: RenderContext, { record: endpoint, status }: View<EndpointRecord>) {
  const query = `environment=${endpoint.serviceEnvironment}&spec.network_link_service=${endpoint.service}`;
  return {
    api_version: "networking/v1",
    kind: "NetworkLinkServiceAssociation",
    id: endpoint.id,
    metadata: metadata(
      ctx,
      `network-link-service-associations/${endpoint.id}?${query}`,
      crn(
        ctx,
        endpoint.serviceEnvironment,
        `network=${endpoint.serviceNetwork}`,
        `network-link-service=${endpoint.service}`,
        `network-link-endpoint=${endpoint.id}`,
      ),
      endpoint,
    ),
    spec: {
      display_name: endpoint.display_name,
      description: endpoint.description,
      network_link_endpoint: endpoint.id,
      network_link_service: serviceRef(
        ctx,
        endpoint.serviceEnvironment,
        endpoint.serviceNetwork,
        endpoint.service,
      ),
      environment: envRef(ctx, endpoint.environment),
    },
    status,
  };
}

/** A network is always READY; it supports and uses the connection types it was seeded with. */
export function renderNetwork(ctx: RenderContext, { record: network, status }: View<NetworkRecord>) {
  return {
    api_version: "networking/v1",
    kind: "Network",
    id: network.id,
    metadata: metadata(
      ctx,
      `networks/${network.id}?environment=${network.environment}`,
      crn(ctx, network.environment, `network=${network.id}`),
      network,
    ),
    spec: {
      display_name: network.display_name,
      cloud: network.cloud,
      region: network.region,
      connection_types: [...network.connection_types],
      ...(network.cidr === undefined ? {} : { cidr: network.cidr }),
      environment: envRef(ctx, network.environment),
    },
    status: {
      phase: status.phase,
      supported_connection_types: [...network.connection_types],
      active_connection_types: [...network.connection_types],
    },
  };
}
