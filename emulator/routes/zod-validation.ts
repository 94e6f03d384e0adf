/** Fastify's validator for the zod request schemas, failing with the API's error envelope. */
import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";
import { ApiError, Errors } from "../errors";

/**
 * Fastify's validator for our zod schemas: the first problem becomes the API's error, naming the
 * body field (`source.pointer`) or the query/path parameter (`source.parameter`).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: toApiError(result.error.issues[0], httpPart ?? "body") };
  };

function toApiError(issue: z.core.$ZodIssue, part: string): ApiError {
  const path = issue.path.map(String);
  if (part === "querystring") {
    if (issue.code === "unrecognized_keys") return Errors.invalid_filter(issue.keys[0], issue.message);
    return Errors.bad_request(issue.message, { parameter: path[0] ?? "query" });
  }
  if (part === "params") return Errors.bad_request(issue.message, { parameter: path[0] ?? "id" });
  if (issue.message === "A JSON request body is required.") return Errors.bad_request(issue.message);
  let detail = issue.message;
  if (issue.code === "unrecognized_keys") {
    path.push(issue.keys[0]);
    detail = `unknown field '${issue.keys[0]}'`;
  }
  const pointer = path.length > 0 ? `/${path.join("/")}` : "";
  if (/cannot be updated/.test(detail)) return Errors.bad_request(detail, { pointer });
  return Errors.bad_request(`Invalid request body at '${pointer || "/"}': ${detail}`, { pointer });
}
