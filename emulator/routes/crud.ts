/** Registrars that turn a collection's description into its routes: list, get, create, update, delete. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { requireEnvironmentAccess } from "../auth";
import { Errors } from "../errors";
import type { CreateFault, Faults } from "../faults";
import type { CollectionStore, ListFilters, ReadStore } from "../store";
import type { View } from "../store/types";
import { listBody, paginate, renderContext, type PageQuery } from "./pagination";
import type { RenderContext } from "./render";
import { environmentQuery, idParams, listQuery, noQuery, optionalEnvironmentQuery } from "./request-schemas";
import { listSchema, responses } from "./response-schemas";

/** A readable collection of the API, described by data; `registerReadRoutes` turns it into list and get. */
export interface ReadRoutes<Rec, Filters> {
  path: string;
  /** "network link service": used in error texts. */
  resource: string;
  idPattern: RegExp;
  /** The API's `kind` of one item ("NetworkLinkService"); its list's is this plus "List". */
  apiKind: string;
  /** Multi-value list filters (query name → store filter). */
  filters: Record<string, keyof Filters>;
  store: ReadStore<Rec, Filters>;
  render(ctx: RenderContext, view: View<Rec>): { metadata: { self: string } };
  schema: Record<string, unknown>;
}

/** A collection with all five operations; `registerCrudRoutes` turns it into its routes. */
export interface CollectionRoutes<Rec, Create, Update, CreateBody, UpdateBody> extends ReadRoutes<
  Rec,
  ListFilters
> {
  store: CollectionStore<Rec, Create, Update>;
  createBody: z.ZodType<CreateBody>;
  updateBody: z.ZodType<UpdateBody>;
  toCreate(body: CreateBody): Create;
  toUpdate(body: UpdateBody): Update;
}

/** A collection's description, its types inferred from its store and bodies (one check for each). */
export const collectionRoutes = <
  Rec,
  Create,
  Update,
  CreateBody extends SpecBody,
  UpdateBody extends SpecBody,
>(
  routes: CollectionRoutes<Rec, Create, Update, CreateBody, UpdateBody>,
) => routes;

type Removes = Pick<CollectionStore<unknown, unknown, unknown>, "remove">;
type ListQuery = PageQuery & { environment: string } & Record<string, string[] | undefined>;
type SpecBody = { id?: unknown; spec: { environment: { id: string } } };

/** The environment a request acts in: the query's, or the body's for create and PATCH. */
function environmentOf(request: FastifyRequest): string | undefined {
  const query = request.query as { environment?: string } | undefined;
  return (request.body as SpecBody | undefined)?.spec?.environment?.id ?? query?.environment;
}

/** An API key limited to some environments gets a 403 elsewhere (checked once the request is parsed). */
function environmentAccess(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  const env = environmentOf(request);
  try {
    if (env !== undefined) requireEnvironmentAccess(request.principal, env);
  } catch (error) {
    return done(error as Error);
  }
  done();
}

/**
 * The `dropCreateResponses` fault: the create is committed, then the socket dies unanswered, as
 * after a network failure between the API and the client. Then the `createFaults` answers (the
 * phase part is applied by the handler): each what a gateway or a network can do to a committed
 * create's answer.
 */
function createAnswerHook(faults: Faults) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode !== 202 || !request.faulted) return payload;
    if (faults.takeDropCreate()) {
      request.raw.socket?.destroy();
      return payload;
    }
    const fault = (request as FastifyRequest & { createFault?: CreateFault }).createFault;
    switch (fault?.answer) {
      case "drop":
        request.raw.socket?.destroy();
        return payload;
      case "gateway-error":
        reply.code(502).removeHeader("location");
        return JSON.stringify({ message: "Bad Gateway" });
      case "hang":
        await new Promise((resolve) => setTimeout(resolve, fault.hangMs ?? 30_000));
        return payload;
      case "message-body":
        return JSON.stringify({ message: "accepted" });
      case "no-status-body": {
        const { status: _status, ...rest } = JSON.parse(String(payload)) as Record<string, unknown>;
        return JSON.stringify(rest);
      }
      default:
        return payload;
    }
  };
}

/** The createFaults phase: sticky, like the admin API's phase override. */
function forcePhase<Rec>(view: View<Rec>, phase: string): View<Rec> {
  const forced = { phase, error_code: "injected", error_message: `Injected fault: ${phase} at creation.` };
  (view.record as { forced?: typeof forced }).forced = forced;
  return { ...view, status: { ...forced } };
}

function createdSince<Rec>(view: View<Rec>, since: number): boolean {
  return (view.record as { createdAt: number }).createdAt > since;
}

type Context = (request: FastifyRequest) => RenderContext;

/** GET list: the spec's filters, then the listLagMs fault, then one page. */
function registerList<Rec, Filters>(
  app: FastifyInstance,
  context: Context,
  collection: ReadRoutes<Rec, Filters>,
  faults?: Faults,
): void {
  const listKind = `${collection.apiKind}List`;
  app.get(collection.path, {
    schema: {
      querystring: listQuery(`${collection.resource}s`, Object.keys(collection.filters)),
      response: responses({ 200: listSchema(listKind, collection.schema) }),
    },
    preHandler: environmentAccess,
    handler: async (request) => {
      const query = request.query as ListQuery;
      const filters: Partial<Record<keyof Filters, string[]>> = {};
      for (const [name, key] of Object.entries(collection.filters) as [string, keyof Filters][]) {
        filters[key] = query[name];
      }
      let listed = collection.store.list(query.environment, filters as Filters);
      // The listLagMs fault: what was created a moment ago is not listed yet.
      const lag = faults && request.faulted ? faults.listLagMs : 0;
      if (faults && lag > 0)
        listed = listed.filter((view) => !createdSince(view, Date.now() + faults.clockSkewMs - lag));
      const { page, metadata } = paginate(request, query, listed);
      const pageContext = context(request);
      return listBody(
        listKind,
        metadata,
        page.map((view) => collection.render(pageContext, view)),
      );
    },
  });
}

/** GET by ID. */
function registerGet<Rec, Filters>(
  app: FastifyInstance,
  context: Context,
  collection: ReadRoutes<Rec, Filters>,
): void {
  app.get(`${collection.path}/:id`, {
    schema: {
      params: idParams(collection.idPattern, collection.resource),
      querystring: environmentQuery(collection.resource),
      response: responses({ 200: collection.schema }),
    },
    preHandler: environmentAccess,
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const { environment } = request.query as { environment: string };
      return collection.render(context(request), collection.store.get(environment, id));
    },
  });
}

/** GET list and GET by ID, with the environment access check and declared schemas. */
export function registerReadRoutes<Rec, Filters>(
  app: FastifyInstance,
  org: () => string,
  collection: ReadRoutes<Rec, Filters>,
  faults?: Faults,
): void {
  const context = (request: FastifyRequest) => renderContext(request, org());
  registerList(app, context, collection, faults);
  registerGet(app, context, collection);
}

/** POST: 202 with a Location, then the create faults (see `createAnswerHook`). */
function registerCreate<Rec, Create, Update, CreateBody extends SpecBody, UpdateBody extends SpecBody>(
  app: FastifyInstance,
  context: Context,
  collection: CollectionRoutes<Rec, Create, Update, CreateBody, UpdateBody>,
  faults: Faults,
): void {
  app.post(collection.path, {
    schema: {
      querystring: noQuery(collection.resource),
      body: collection.createBody,
      response: responses({ 202: collection.schema }),
    },
    preHandler: environmentAccess,
    onSend: createAnswerHook(faults),
    handler: async (request, reply) => {
      let view = collection.store.create(collection.toCreate(request.body as CreateBody));
      const fault = request.faulted ? faults.takeCreateFault() : undefined;
      (request as FastifyRequest & { createFault?: CreateFault }).createFault = fault;
      if (fault?.phase) view = forcePhase(view, fault.phase);
      const body = collection.render(context(request), view);
      return reply.code(202).header("location", body.metadata.self).send(body);
    },
  });
}

/** PATCH by ID. */
function registerUpdate<Rec, Create, Update, CreateBody extends SpecBody, UpdateBody extends SpecBody>(
  app: FastifyInstance,
  context: Context,
  collection: CollectionRoutes<Rec, Create, Update, CreateBody, UpdateBody>,
): void {
  app.patch(`${collection.path}/:id`, {
    schema: {
      params: idParams(collection.idPattern, collection.resource),
      querystring: optionalEnvironmentQuery(collection.resource),
      body: collection.updateBody,
      response: responses({ 200: collection.schema }),
    },
    preHandler: environmentAccess,
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as UpdateBody;
      // Read-only fields are ignored, but an `id` naming another resource is a mistake worth stopping.
      if (body.id !== undefined && body.id !== id) {
        throw Errors.bad_request(
          `The body's id (${String(body.id).slice(0, 80)}) does not match the path's ${id}.`,
          {
            pointer: "/id",
          },
        );
      }
      return collection.render(context(request), collection.store.update(id, collection.toUpdate(body)));
    },
  });
}

/** DELETE by ID: 204, no body. */
function registerDelete(
  app: FastifyInstance,
  collection: ReadRoutes<unknown, ListFilters> & { store: Removes },
): void {
  app.delete(`${collection.path}/:id`, {
    schema: {
      params: idParams(collection.idPattern, collection.resource),
      querystring: environmentQuery(collection.resource),
      response: responses({ 204: null }),
    },
    preHandler: environmentAccess,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      collection.store.remove((request.query as { environment: string }).environment, id);
      return reply.code(204).send();
    },
  });
}

/** The five operations of a collection: list, get, create, update, delete. */
export function registerCrudRoutes<
  Rec,
  Create,
  Update,
  CreateBody extends SpecBody,
  UpdateBody extends SpecBody,
>(
  app: FastifyInstance,
  faults: Faults,
  org: () => string,
  collection: CollectionRoutes<Rec, Create, Update, CreateBody, UpdateBody>,
): void {
  const context = (request: FastifyRequest) => renderContext(request, org());
  registerReadRoutes(app, org, collection, faults);
  registerCreate(app, context, collection, faults);
  registerUpdate(app, context, collection);
  registerDelete(app, collection);
}
