import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
import {
  checkQuery,
  ID,
  listBody,
  multi,
  paginate,
  pathId,
  renderContext,
  single,
  type Query,
} from "./common";
import { renderAssociation } from "./render";

const PATH = "/networking/v1/network-link-service-associations";

/** Read-only: the service owner's view of the endpoints attached to one of its services. */
export function associationRoutes(app: FastifyInstance, { store }: EmulatorContext): void {
  const ctx = (request: FastifyRequest) => renderContext(request, store.state.organizationId);

  app.get(PATH, async (request) => {
    const query = request.query as Query;
    checkQuery(
      query,
      ["environment", "spec.network_link_service", "status.phase", "page_size", "page_token"],
      "network link service associations",
    );
    const service = single(query, "spec.network_link_service", ID.service);
    const environment = single(query, "environment", ID.environment);
    const items = store.listAssociations(environment, service, multi(query, "status.phase"));
    const { page, metadata } = paginate(request, query, items);
    const c = ctx(request);
    return listBody(
      "NetworkLinkServiceAssociationList",
      metadata,
      page.map((v) => renderAssociation(c, v)),
    );
  });

  app.get(`${PATH}/:id`, async (request) => {
    const query = request.query as Query;
    checkQuery(query, ["environment", "spec.network_link_service"], "network link service association");
    const id = pathId(request.params, ID.endpoint, "network link service association");
    const service = single(query, "spec.network_link_service", ID.service);
    const environment = single(query, "environment", ID.environment);
    return renderAssociation(ctx(request), store.getAssociation(environment, service, id));
  });
}
