import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { requireEnvironmentAccess } from "../auth";
import { Errors } from "../errors";
import type { CreateFault, Faults } from "../faults";
import type { KindStore, ListFilters, ReadStore } from "../store";
import type { View } from "../store/types";
import { listBody, paginate, renderContext, type PageQuery } from "./pagination";
import type { RenderContext } from "./render";
import { environmentQuery, idParams, listQuery, noQuery, optionalEnvironmentQuery } from "./request-schemas";
import { listSchema, responses } from "./response-schemas";

/** A readable kind of the API, described by data; `registerReadRoutes` turns it into list and get. */
export interface ReadRoutes<Rec, Filters> {
  path: string;
  /** "network link service": used in error texts. */
  resource: string;
  idPattern: RegExp;
  kind: string;
  /** Multi-value list filters (query name → store filter). */
  filters: Record<string, keyof Filters>;
  store: ReadStore<Rec, Filters>;
  render(ctx: RenderContext, view: View<Rec>): { metadata: { self: string } };
  schema: Record<string, unknown>;
}

/** A kind with all five operations; `registerCrudRoutes` turns it into its routes. */
export interface KindRoutes<Rec, Create, Update, CreateBody, UpdateBody> extends ReadRoutes<
  Rec,
  ListFilters
> {
  store: KindStore<Rec, Create, Update>;
  createBody: z.ZodType<CreateBody>;
  updateBody: z.ZodType<UpdateBody>;
  toCreate(body: CreateBody): Create;
  toUpdate(body: UpdateBody): Update;
}

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

/** GET list and GET by ID, with the environment access check and declared schemas. */
export function registerReadRoutes<Rec, Filters>(
  app: FastifyInstance,
  org: () => string,
  k: ReadRoutes<Rec, Filters>,
  faults?: Faults,
): void {
  const ctx = (request: FastifyRequest) => renderContext(request, org());
  const preHandler = environmentAccess;

  app.get(k.path, {
    schema: {
      querystring: listQuery(`${k.resource}s`, Object.keys(k.filters)),
      response: responses({ 200: listSchema(`${k.kind}List`, k.schema) }),
    },
    preHandler,
    handler: async (request) => {
      const query = request.query as ListQuery;
      const filters: Partial<Record<keyof Filters, string[]>> = {};
      for (const [name, key] of Object.entries(k.filters) as [string, keyof Filters][]) {
        filters[key] = query[name];
      }
      let listed = k.store.list(query.environment, filters as Filters);
      // The listLagMs fault: what was created a moment ago is not listed yet.
      const lag = faults && request.faulted ? faults.listLagMs : 0;
      if (faults && lag > 0)
        listed = listed.filter((v) => !createdSince(v, Date.now() + faults.clockSkewMs - lag));
      const { page, metadata } = paginate(request, query, listed);
      const c = ctx(request);
      return listBody(
        `${k.kind}List`,
        metadata,
        page.map((v) => k.render(c, v)),
      );
    },
  });

  app.get(`${k.path}/:id`, {
    schema: {
      params: idParams(k.idPattern, k.resource),
      querystring: environmentQuery(k.resource),
      response: responses({ 200: k.schema }),
    },
    preHandler,
    handler: async (request) => {
      const { id } = request.params as { id: string };
      return k.render(ctx(request), k.store.get((request.query as { environment: string }).environment, id));
    },
  });
}

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
  k: KindRoutes<Rec, Create, Update, CreateBody, UpdateBody>,
): void {
  const ctx = (request: FastifyRequest) => renderContext(request, org());
  const params = idParams(k.idPattern, k.resource);
  const item = `${k.path}/:id`;
  const preHandler = environmentAccess;

  registerReadRoutes(app, org, k, faults);

  app.post(k.path, {
    schema: { querystring: noQuery(k.resource), body: k.createBody, response: responses({ 202: k.schema }) },
    preHandler,
    onSend: createAnswerHook(faults),
    handler: async (request, reply) => {
      let view = k.store.create(k.toCreate(request.body as CreateBody));
      const fault = request.faulted ? faults.takeCreateFault() : undefined;
      (request as FastifyRequest & { createFault?: CreateFault }).createFault = fault;
      if (fault?.phase) view = forcePhase(view, fault.phase);
      const body = k.render(ctx(request), view);
      return reply.code(202).header("location", body.metadata.self).send(body);
    },
  });

  app.patch(item, {
    schema: {
      params,
      querystring: optionalEnvironmentQuery(k.resource),
      body: k.updateBody,
      response: responses({ 200: k.schema }),
    },
    preHandler,
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
      return k.render(ctx(request), k.store.update(id, k.toUpdate(body)));
    },
  });

  app.delete(item, {
    schema: { params, querystring: environmentQuery(k.resource), response: responses({ 204: null }) },
    preHandler,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      k.store.remove((request.query as { environment: string }).environment, id);
      return reply.code(204).send();
    },
  });
}
