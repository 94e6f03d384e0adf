import Ajv, { type ValidateFunction } from "ajv";
import type { FastifyRequest } from "fastify";
import { errorSchema } from "./routes/response-schemas";

/**
 * Validates every JSON body against the response schema its route declares (the error envelope
 * for unrouted requests), before fastify's serializer could silently drop a stray field.
 */
export class ResponseChecker {
  private readonly ajv = new Ajv({ allErrors: false, strict: false });
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  private validator(schema: object): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  /** The problem with the body, or undefined when it matches. */
  check(request: FastifyRequest, status: number, payload: unknown): string | undefined {
    const declared = request.routeOptions.schema?.response as Record<string, object> | undefined;
    const schema = declared
      ? (declared[String(status)] ?? declared[`${String(status)[0]}xx`])
      : status >= 400
        ? errorSchema
        : undefined;
    if (!schema) return `no response schema for status ${status}`;
    // Bodies are plain JSON-shaped objects (no Dates, no undefined fields), so they are checked as is.
    const validate = this.validator(schema);
    if (validate(payload)) return undefined;
    return this.ajv.errorsText(validate.errors);
  }
}
