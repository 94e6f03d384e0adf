import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
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
import { renderService } from "./render";
import { createServiceBody, SERVICE_IMMUTABLE, updateServiceBody } from "./schemas";
import { answerCreate } from "./create-reply";

const PATH = "/networking/v1/network-link-services";
const RESOURCE = "network link service";
const LIST_PARAMS = [
  "environment",
  "spec.display_name",
  "status.phase",
  "spec.network",
  "page_size",
  "page_token",
];

/** Thin handlers: check the request's shape, ask the store, render. */
export function serviceRoutes(app: FastifyInstance, { store, faults }: EmulatorContext): void {
  const ctx = (request: FastifyRequest) => renderContext(request, store.state.organizationId);

  app.get(PATH, async (request) => {
    const query = request.query as Query;
    checkQuery(query, LIST_PARAMS, "network link services");
    const environment = single(query, "environment", ID.environment);
    const items = store.listServices(environment, {
      display_name: multi(query, "spec.display_name"),
      phase: multi(query, "status.phase"),
      network: multi(query, "spec.network"),
    });
    const { page, metadata } = paginate(request, query, items);
    const c = ctx(request);
    return listBody(
      "NetworkLinkServiceList",
      metadata,
      page.map((v) => renderService(c, v)),
    );
  });

  app.post(PATH, async (request, reply) => {
    checkQuery(request.query as Query, [], RESOURCE);
    const { spec } = parseBody(createServiceBody, request.body);
    const view = store.createService({
      environment: spec.environment.id,
      network: spec.network.id,
      display_name: spec.display_name,
      description: spec.description,
      accept: spec.accept,
    });
    return answerCreate(request, reply, faults, renderService(ctx(request), view));
  });

  app.get(`${PATH}/:id`, async (request) => {
    const query = request.query as Query;
    checkQuery(query, ["environment"], RESOURCE);
    const id = pathId(request.params, ID.service, RESOURCE);
    return renderService(ctx(request), store.getService(single(query, "environment", ID.environment), id));
  });

  app.patch(`${PATH}/:id`, async (request) => {
    // The API locates the resource through spec.environment; a query `environment` is tolerated.
    checkQuery(request.query as Query, ["environment"], RESOURCE);
    const id = pathId(request.params, ID.service, RESOURCE);
    const { spec } = parseBody(updateServiceBody, request.body, SERVICE_IMMUTABLE);
    const view = store.updateService(id, {
      environment: spec.environment.id,
      display_name: spec.display_name,
      description: spec.description,
      accept: spec.accept,
    });
    return renderService(ctx(request), view);
  });

  app.delete(`${PATH}/:id`, async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Query;
    checkQuery(query, ["environment"], RESOURCE);
    const id = pathId(request.params, ID.service, RESOURCE);
    store.deleteService(single(query, "environment", ID.environment), id);
    return reply.code(204).send();
  });
}
