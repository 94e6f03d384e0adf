import { z } from "zod";
import { sharedReader } from "./batch";
import { ApiError } from "./errors";
import { HttpClient, HttpClientOptions } from "./http";
import { checkedId, IdKind } from "./ids";
import { redactStatus } from "./redaction";
import {
  CreateEndpointRequest,
  CreateServiceRequest,
  listSchema,
  NetworkLinkEndpoint,
  networkLinkEndpointSchema,
  NetworkLinkService,
  NetworkLinkServiceAssociation,
  networkLinkServiceAssociationSchema,
  networkLinkServiceSchema,
  UpdateEndpointRequest,
  UpdateServiceRequest,
} from "./schemas";

const SERVICES = "networking/v1/network-link-services";
const ENDPOINTS = "networking/v1/network-link-endpoints";
const ASSOCIATIONS = "networking/v1/network-link-service-associations";
const PAGE_SIZE = 100;
// A server that keeps handing out `next` links must not keep us here forever.
const MAX_PAGES = 1000;

export interface ServiceFilter {
  network?: string[];
  displayName?: string[];
  phase?: string[];
}

export interface EndpointFilter extends ServiceFilter {
  networkLinkService?: string[];
}

/** One typed function per network-link operation of the networking API. */
export class NetworkingClient {
  readonly http: HttpClient;

  constructor(options: HttpClientOptions | HttpClient) {
    this.http = options instanceof HttpClient ? options : new HttpClient(options);
  }

  async listServices(environment: string, filter: ServiceFilter = {}): Promise<NetworkLinkService[]> {
    return this.listAll("listing network link services", SERVICES, networkLinkServiceSchema, {
      environment,
      "spec.network": filter.network,
      "spec.display_name": filter.displayName,
      "status.phase": filter.phase,
    });
  }

  async getService(environment: string, id: string): Promise<NetworkLinkService> {
    return this.send(
      `reading network link service ${id}`,
      networkLinkServiceSchema,
      "GET",
      pathOf(SERVICES, "service", id),
      {
        searchParams: environmentQuery(environment),
      },
    );
  }

  /**
   * Reads a service for a wait: polls of many resources in one environment share one list call
   * (made at most every `maxAgeMs`); an object the list does not hold is read with a GET.
   */
  async pollService(environment: string, id: string, maxAgeMs = 500): Promise<NetworkLinkService> {
    const reader = sharedReader(
      `${this.http.identity} services ${environment}`,
      () => this.listServices(environment),
      maxAgeMs,
    );
    return reader.get(id, () => this.getService(environment, id), maxAgeMs);
  }

  async createService(body: CreateServiceRequest): Promise<NetworkLinkService> {
    const where = `network ${body.spec.network.id}`;
    return this.send(
      `creating network link service in ${where}`,
      networkLinkServiceSchema,
      "POST",
      SERVICES,
      { json: body },
    );
  }

  async updateService(id: string, body: UpdateServiceRequest): Promise<NetworkLinkService> {
    return this.send(
      `updating network link service ${id}`,
      networkLinkServiceSchema,
      "PATCH",
      pathOf(SERVICES, "service", id),
      {
        json: body,
      },
    );
  }

  async deleteService(environment: string, id: string): Promise<void> {
    return this.remove(`deleting network link service ${id}`, pathOf(SERVICES, "service", id), environment);
  }

  async listEndpoints(environment: string, filter: EndpointFilter = {}): Promise<NetworkLinkEndpoint[]> {
    return this.listAll("listing network link endpoints", ENDPOINTS, networkLinkEndpointSchema, {
      environment,
      "spec.network": filter.network,
      "spec.display_name": filter.displayName,
      "status.phase": filter.phase,
      "spec.network_link_service": filter.networkLinkService,
    });
  }

  async getEndpoint(environment: string, id: string): Promise<NetworkLinkEndpoint> {
    return this.send(
      `reading network link endpoint ${id}`,
      networkLinkEndpointSchema,
      "GET",
      pathOf(ENDPOINTS, "endpoint", id),
      {
        searchParams: environmentQuery(environment),
      },
    );
  }

  /** Reads an endpoint for a wait, like pollService. */
  async pollEndpoint(environment: string, id: string, maxAgeMs = 500): Promise<NetworkLinkEndpoint> {
    const reader = sharedReader(
      `${this.http.identity} endpoints ${environment}`,
      () => this.listEndpoints(environment),
      maxAgeMs,
    );
    return reader.get(id, () => this.getEndpoint(environment, id), maxAgeMs);
  }

  async createEndpoint(body: CreateEndpointRequest): Promise<NetworkLinkEndpoint> {
    const where = `network ${body.spec.network.id} to service ${body.spec.network_link_service.id}`;
    return this.send(
      `creating network link endpoint in ${where}`,
      networkLinkEndpointSchema,
      "POST",
      ENDPOINTS,
      { json: body },
    );
  }

  async updateEndpoint(id: string, body: UpdateEndpointRequest): Promise<NetworkLinkEndpoint> {
    return this.send(
      `updating network link endpoint ${id}`,
      networkLinkEndpointSchema,
      "PATCH",
      pathOf(ENDPOINTS, "endpoint", id),
      {
        json: body,
      },
    );
  }

  async deleteEndpoint(environment: string, id: string): Promise<void> {
    return this.remove(
      `deleting network link endpoint ${id}`,
      pathOf(ENDPOINTS, "endpoint", id),
      environment,
    );
  }

  async listServiceAssociations(
    environment: string,
    serviceId: string,
    phase?: string[],
  ): Promise<NetworkLinkServiceAssociation[]> {
    return this.listAll(
      `listing endpoints associated with ${serviceId}`,
      ASSOCIATIONS,
      networkLinkServiceAssociationSchema,
      {
        environment,
        "spec.network_link_service": [serviceId],
        "status.phase": phase,
      },
    );
  }

  async getServiceAssociation(
    environment: string,
    serviceId: string,
    id: string,
  ): Promise<NetworkLinkServiceAssociation> {
    return this.send(
      `reading service association ${id}`,
      networkLinkServiceAssociationSchema,
      "GET",
      pathOf(ASSOCIATIONS, "association", id),
      {
        searchParams: new URLSearchParams({
          environment: checkedId("environment", environment),
          "spec.network_link_service": checkedId("service", serviceId),
        }),
      },
    );
  }

  private async send<S extends z.ZodType>(
    operation: string,
    schema: S,
    method: "GET" | "POST" | "PATCH",
    path: string,
    options: { searchParams?: URLSearchParams; json?: object },
  ): Promise<z.infer<S>> {
    const response = await this.http.request<unknown>(operation, method, path, options);
    return redactStatus(parse(operation, schema, response.body, response.requestId), this.http.redact);
  }

  private async remove(operation: string, path: string, environment: string): Promise<void> {
    await this.http.request(operation, "DELETE", path, {
      searchParams: environmentQuery(environment),
    });
  }

  private async listAll<S extends z.ZodType>(
    operation: string,
    path: string,
    item: S,
    query: Record<string, string | string[] | undefined>,
  ): Promise<z.infer<S>[]> {
    const schema = listSchema(item);
    const items: z.infer<S>[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const searchParams = toSearchParams(query);
      searchParams.set("page_size", String(PAGE_SIZE));
      if (pageToken) searchParams.set("page_token", pageToken);
      const response = await this.http.request<unknown>(operation, "GET", path, { searchParams });
      const list = parse(operation, schema, response.body, response.requestId);
      items.push(...(list.data as z.infer<S>[]).map((item) => redactStatus(item, this.http.redact)));
      pageToken = nextPageToken(list.metadata.next);
      if (!pageToken) return items;
    }
    throw new ApiError(
      operation,
      200,
      "too_many_pages",
      undefined,
      `the API returned more than ${MAX_PAGES} pages`,
      undefined,
    );
  }
}

/** The path of one object; refuses anything that is not an ID of its kind (`..` would address the collection). */
function pathOf(collection: string, kind: IdKind, id: string): string {
  return `${collection}/${encodeURIComponent(checkedId(kind, id))}`;
}

function environmentQuery(environment: string): URLSearchParams {
  return new URLSearchParams({ environment: checkedId("environment", environment) });
}

function toSearchParams(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // Multi-value filters repeat the key, as the Go SDK does.
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

/** The page token inside a `metadata.next` URL; undefined when there is no further page. */
export function nextPageToken(next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  try {
    return new URL(next, "https://placeholder.invalid").searchParams.get("page_token") || undefined;
  } catch {
    return undefined;
  }
}

function parse<S extends z.ZodType>(
  operation: string,
  schema: S,
  body: unknown,
  requestId: string | undefined,
): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unexpected body";
  throw new ApiError(
    operation,
    200,
    "unexpected_response",
    undefined,
    `the API's response did not have the expected shape (${where})`,
    requestId,
  );
}
