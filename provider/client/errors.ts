// ApiError: an API failure with its status, code and a redacted message, and the questions asked of it.
import { Redact } from "./redaction";
import { errorEnvelopeSchema } from "./schemas";

/** What an ApiError is made of. */
export interface ApiErrorFields {
  /** What we were doing, e.g. "creating network link service". */
  operation: string;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  requestId?: string;
  /** True when the request may have been applied although no success was seen (lost response, 5xx). */
  outcomeUnknown?: boolean;
}

/** A failed call to the networking API, with what the API said and how to find the request again. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly operation: string;
  readonly status: number;
  readonly code: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly outcomeUnknown: boolean;

  constructor(fields: ApiErrorFields) {
    super(formatMessage(fields));
    this.operation = fields.operation;
    this.status = fields.status;
    this.code = fields.code;
    this.title = fields.title;
    this.detail = fields.detail;
    this.requestId = fields.requestId;
    this.outcomeUnknown = fields.outcomeUnknown ?? false;
  }
}

function formatMessage({ operation, status, code, title, detail, requestId }: ApiErrorFields): string {
  const what = status === 0 ? "no response" : [String(status), code].filter(Boolean).join(" ");
  const why = detail || title || "no details in the response";
  const hint = hintFor(status);
  const request = requestId ? ` (request id ${requestId})` : "";
  return `${operation}: ${what}: ${why}${request}${hint ? `. ${hint}` : ""}`;
}

/** The advice after a 403; `key` names the key's setting where the caller knows it. */
export function forbiddenAdvice(key?: string): string {
  return `The API key${key ? ` (${key})` : ""} lacks permission: it needs NetworkAdmin (or OrganizationAdmin) on the environment`;
}

function hintFor(status: number): string | undefined {
  switch (status) {
    case 401:
      return "Check confluentcloud:cloudApiKey / confluentcloud:cloudApiSecret (or CONFLUENT_CLOUD_API_KEY / CONFLUENT_CLOUD_API_SECRET): the key must be a Cloud API key, not a cluster key";
    case 403:
      return forbiddenAdvice();
    case 402:
      return "A quota is exhausted: at most 1 network link service and 5 endpoints per network, 20 network links per organization";
    default:
      return undefined;
  }
}

/**
 * Builds an ApiError from an HTTP response, reading the API's error envelope when there is one. Every
 * text the server supplied is redacted first: a gateway may echo the request's credentials.
 */
export function apiErrorFromResponse(
  operation: string,
  status: number,
  body: unknown,
  requestId: string | undefined,
  redact: Redact,
): ApiError {
  const parsed = errorEnvelopeSchema.safeParse(body);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  const fallbackDetail = first ? undefined : describeBody(body, redact);
  const clean = (text: string | null | undefined) => (text ? redact(text) : undefined);
  return new ApiError({
    operation,
    status,
    code: clean(first?.code),
    title: clean(first?.title),
    detail: clean(first?.detail) ?? fallbackDetail,
    requestId: clean(requestId ?? first?.id),
    outcomeUnknown: status >= 500,
  });
}

function describeBody(body: unknown, redact: Redact): string | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body === "object" && typeof (body as { message?: unknown }).message === "string") {
    return cut(redact(head((body as { message: string }).message)), 300);
  }
  if (typeof body !== "string") return cut(redact(head(JSON.stringify(body))), 300);
  return summary(body, redact);
}

/**
 * A body that is not JSON is a gateway's or a proxy's page, not the API's word: its title or first
 * line says what happened, and the rest (which may echo the request) is not quoted.
 */
function summary(text: string, redact: Redact): string {
  const html = /<[a-z!/][^>]*>/i.test(text);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const line = title ?? (html ? "" : (text.split(/\r?\n/).find((l) => l.trim() !== "") ?? ""));
  const form = html ? "an HTML page" : "a text body";
  const shown = cut(redact(head(line.replace(/\s+/g, " ").trim())), 160);
  return shown ? `${form} of ${text.length} characters: ${shown}` : `${form} of ${text.length} characters`;
}

/**
 * The start of a long text, enough for what is shown: redaction finds a cut echo too, and need not
 * read a megabyte page.
 */
function head(text: string): string {
  return text.slice(0, 4096);
}

/** Cut after redaction, so that a cut never leaves half a secret behind. */
function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}

/** A failure that says nothing about the object: throttling, a server error, no response. */
export function isTransient(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 429 || err.status >= 500);
}

export function isConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409;
}
