/** Checks every response body against its route's declared schema before it is sent. */
import Ajv, { type ValidateFunction } from "ajv";
import type { FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { Errors } from "./errors";

type Hook = (
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (e: null, p: unknown) => void,
) => void;

/**
 * Validates every JSON body against the response schema its route declares, before fastify's
 * serializer could silently drop a stray field; a mismatch becomes a 500 that names it. The
 * validators are compiled when the route is registered and bound to it (no lookup per request).
 */
export class ResponseChecker {
  private readonly ajv = new Ajv({ allErrors: false, strict: false });

  /** For fastify's `onRoute` hook: adds the check to every route that declares response schemas. */
  attach(route: RouteOptions): void {
    const declared = route.schema?.response as Record<string, object> | undefined;
    if (!declared) return;
    const validators = new Map<string, ValidateFunction>();
    for (const [status, schema] of Object.entries(declared)) validators.set(status, this.ajv.compile(schema));
    const hook: Hook = (request, reply, payload, done) => {
      const status = reply.statusCode;
      const validate = validators.get(String(status)) ?? validators.get(`${String(status)[0]}xx`);
      // Bodies are plain JSON-shaped objects (no Dates, no undefined fields), so they are checked as is.
      if (validate?.(payload)) return done(null, payload);
      const problem = validate
        ? this.ajv.errorsText(validate.errors)
        : `no response schema for status ${status}`;
      request.log.error({ problem }, "response does not match its declared schema");
      reply.code(500);
      done(
        null,
        Errors.internal_error(
          `The emulator's ${route.method} ${route.url} response broke its declared schema: ${problem}`,
        ).toBody(),
      );
    };
    const existing = route.preSerialization;
    route.preSerialization = [
      ...(existing ? (Array.isArray(existing) ? existing : [existing]) : []),
      hook,
    ] as RouteOptions["preSerialization"];
  }
}
