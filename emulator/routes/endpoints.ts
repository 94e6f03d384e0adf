import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
import { Errors } from "../errors";
import {
  checkQuery,
  ID,
  listBody,
  multi,
  paginate,
  parseBody,
  pathId,
  renderContext,
  single,
  type Query,
} from "./common";
import { answerCreate } from "./create-reply";
import { renderEndpoint } from "./render";
import { createEndpointBody, ENDPOINT_IMMUTABLE, updateEndpointBody } from "./schemas";

const PATH = "/networking/v1/network-link-endpoints";
const RESOURCE = "network link endpoint";
const LIST_PARAMS = [
  "environment",
  "spec.display_name",
  "status.phase",
  "spec.network",
  "spec.network_link_service",
  "page_size",
  "page_token",
];

export function endpointRoutes(app: FastifyInstance, { store, faults }: EmulatorContext): void {
  const ctx = (request: FastifyRequest) => renderContext(request, store.state.organizationId);

  app.get(PATH, async (request) => {
    const query = request.query as Query;
    checkQuery(query, LIST_PARAMS, "network link endpoints");
    const environment = single(query, "environment", ID.environment);
    const items = store.listEndpoints(environment, {
      display_name: multi(query, "spec.display_name"),
      phase: multi(query, "status.phase"),
      network: multi(query, "spec.network"),
      service: multi(query, "spec.network_link_service"),
    });
    const { page, metadata } = paginate(request, query, items);
    const c = ctx(request);
    return listBody(
      "NetworkLinkEndpointList",
      metadata,
      page.map((v) => renderEndpoint(c, v)),
    );
  });

  app.post(PATH, async (request, reply) => {
    checkQuery(request.query as Query, [], RESOURCE);
    const { spec } = parseBody(createEndpointBody, request.body);
    if (spec.network.environment && spec.network.environment !== spec.environment.id) {
      throw Errors.invalid_configuration(
        `spec.network.environment (${spec.network.environment}) must equal spec.environment.id (${spec.environment.id}).`,
        { pointer: "/spec/network/environment" },
      );
    }
    const view = store.createEndpoint({
      environment: spec.environment.id,
      network: spec.network.id,
      service: spec.network_link_service.id,
      serviceEnvironment: spec.network_link_service.environment,
      display_name: spec.display_name,
      description: spec.description,
    });
    return answerCreate(request, reply, faults, renderEndpoint(ctx(request), view));
  });

  app.get(`${PATH}/:id`, async (request) => {
    const query = request.query as Query;
    checkQuery(query, ["environment"], RESOURCE);
    const id = pathId(request.params, ID.endpoint, RESOURCE);
    return renderEndpoint(ctx(request), store.getEndpoint(single(query, "environment", ID.environment), id));
  });

  app.patch(`${PATH}/:id`, async (request) => {
    checkQuery(request.query as Query, ["environment"], RESOURCE);
    const id = pathId(request.params, ID.endpoint, RESOURCE);
    const { spec } = parseBody(updateEndpointBody, request.body, ENDPOINT_IMMUTABLE);
    const view = store.updateEndpoint(id, {
      environment: spec.environment.id,
      display_name: spec.display_name,
      description: spec.description,
    });
    return renderEndpoint(ctx(request), view);
  });

  app.delete(`${PATH}/:id`, async (request, reply) => {
    const query = request.query as Query;
    checkQuery(query, ["environment"], RESOURCE);
    const id = pathId(request.params, ID.endpoint, RESOURCE);
    store.deleteEndpoint(single(query, "environment", ID.environment), id);
    return reply.code(204).send();
  });
}
