/** Routes of the network link service associations (list and get, read-only). */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { requireEnvironmentAccess } from "../auth";
import type { Store } from "../store";
import { listBody, paginate, renderContext, type PageQuery } from "./pagination";
import { renderAssociation } from "./render";
import { associationGetQuery, associationListQuery, ID, idParams } from "./request-schemas";
import { associationSchema, listSchema, responses } from "./response-schemas";

const PATH = "/networking/v1/network-link-service-associations";

type AssociationQuery = PageQuery & {
  environment: string;
  "spec.network_link_service": string;
  "status.phase"?: string[];
};

/** Read-only: the service owner's view of the endpoints attached to one of its services. */
export function associationRoutes(app: FastifyInstance, store: Store): void {
  const ctx = (request: FastifyRequest) => renderContext(request, store.state.data.organizationId);
  const preHandler = async (request: FastifyRequest) =>
    requireEnvironmentAccess(request.principal, (request.query as AssociationQuery).environment);

  app.get(PATH, {
    schema: {
      querystring: associationListQuery,
      response: responses({ 200: listSchema("NetworkLinkServiceAssociationList", associationSchema) }),
    },
    preHandler,
    handler: async (request) => {
      const query = request.query as AssociationQuery;
      const items = store.associations.list(
        query.environment,
        query["spec.network_link_service"],
        query["status.phase"],
      );
      const { page, metadata } = paginate(request, query, items);
      const pageContext = ctx(request);
      return listBody(
        "NetworkLinkServiceAssociationList",
        metadata,
        page.map((view) => renderAssociation(pageContext, view)),
      );
    },
  });

  app.get(`${PATH}/:id`, {
    schema: {
      params: idParams(ID.endpoint, "network link service association"),
      querystring: associationGetQuery,
      response: responses({ 200: associationSchema }),
    },
    preHandler,
    handler: async (request) => {
      const query = request.query as AssociationQuery;
      const { id } = request.params as { id: string };
      const view = store.associations.get(query.environment, query["spec.network_link_service"], id);
      return renderAssociation(ctx(request), view);
    },
  });
}
