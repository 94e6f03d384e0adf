/** The API's errors: one class rendering the Confluent error envelope, one factory method per code. */
import { randomUUID } from "node:crypto";

/** Where in the request an error comes from: a JSON pointer into the body or a query parameter. */
export type ErrorSource = { pointer: string } | { parameter: string };

/** One API error; the app's single error handler renders it as the Confluent `{"errors":[…]}` envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly source?: ErrorSource,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ApiError";
  }

  toBody(): { errors: Record<string, unknown>[] } {
    const error: Record<string, unknown> = {
      id: randomUUID(),
      status: String(this.status),
      code: this.code,
      title: this.title,
      detail: this.detail,
    };
    if (this.source) error.source = this.source;
    return { errors: [error] };
  }
}

const INJECTED_TITLES: Record<number, [string, string]> = {
  500: ["internal_error", "Internal Server Error"],
  502: ["bad_gateway", "Bad Gateway"],
  503: ["service_unavailable", "Service Unavailable"],
  504: ["gateway_timeout", "Gateway Timeout"],
};

/** One factory method per API error code, so codes, titles and statuses cannot drift apart. */
export const Errors = {
  bad_request: (detail: string, source?: ErrorSource) =>
    new ApiError(400, "bad_request", "Bad Request", detail, source),
  invalid_filter: (parameter: string, detail: string) =>
    new ApiError(400, "invalid_filter", "Invalid Filter", detail, { parameter }),
  user_unauthenticated: () =>
    new ApiError(
      401,
      "user_unauthenticated",
      "Authentication Required",
      "Valid authentication credentials must be provided",
      undefined,
      { "www-authenticate": 'Basic error="invalid_key", error_description="The API Key is invalid"' },
    ),
  quota_exceeded: (quota: string, limit: number) =>
    new ApiError(
      402,
      "quota_exceeded",
      "Quota Exceeded",
      `The request would exceed the quota: ${quota} (limit ${limit})`,
    ),
  user_unauthorized: (detail: string) =>
    new ApiError(403, "user_unauthorized", "User Access Unauthorized", detail),
  not_found: (detail: string, source?: ErrorSource) =>
    new ApiError(404, "not_found", "Not Found", detail, source),
  resource_already_exists: (detail: string, location: string) =>
    new ApiError(409, "resource_already_exists", "Resource Already Exists", detail, undefined, {
      location,
    }),
  resource_conflict: (detail: string, source?: ErrorSource) =>
    new ApiError(409, "resource_conflict", "Resource Conflict", detail, source),
  unsupported_media_type: (detail: string) =>
    new ApiError(415, "unsupported_media_type", "Unsupported Media Type", detail),
  invalid_configuration: (detail: string, source?: ErrorSource) =>
    new ApiError(422, "invalid_configuration", "Invalid Configuration", detail, source),
  rate_limit_exceeded: (retryAfterSeconds: number, headers: Record<string, string>) =>
    new ApiError(
      429,
      "rate_limit_exceeded",
      "Rate Limit Exceeded",
      `Too many requests; retry after ${retryAfterSeconds} s`,
      undefined,
      { ...headers, "retry-after": String(retryAfterSeconds) },
    ),
  internal_error: (detail: string) => new ApiError(500, "internal_error", "Internal Server Error", detail),
  /** A fault injected through the admin API; the status picks the code. */
  injected: (status: number) => {
    const [code, title] = INJECTED_TITLES[status] ?? ["injected_fault", "Injected Fault"];
    return new ApiError(status, code, title, `Fault injected by the emulator (HTTP ${status})`);
  },
  /** Anything raised by fastify itself (body too large, bad URL, …) keeps its 4xx status. */
  from_framework: (status: number, detail: string) =>
    status === 415
      ? Errors.unsupported_media_type(detail)
      : new ApiError(status, status === 413 ? "payload_too_large" : "bad_request", "Bad Request", detail),
};
