// The HTTP layer on got: base URL, auth, timeouts, retries, pacing and redaction.
import got, { Got, HTTPError, Method, RequestError, RetryObject } from "got";
import { currentDeadline } from "./deadline";
import { apiErrorFromResponse, ApiError } from "./errors";
import { Pacer, pacerFor, Urgency } from "./pacer";
import { Redact, redactor } from "./redaction";

export const DEFAULT_ENDPOINT = "https://api.confluent.cloud";

/** How hard the client retries 429s, 5xx and network errors. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 6. */
  limit: number;
  /** First backoff delay; doubles per attempt, with jitter. Default 1000 ms. */
  baseDelayMs: number;
  /** Largest backoff delay. Default 30 000 ms. */
  maxDelayMs: number;
  /** Retries stop once this much time has passed since the first attempt. Default 120 000 ms. */
  totalBudgetMs: number;
  /** A Retry-After above this is not waited for. Default 60 000 ms. */
  maxRetryAfterMs: number;
}

export interface HttpClientOptions {
  endpoint: string;
  apiKey: string;
  apiSecret: string;
  userAgent: string;
  /** Per-attempt timeout. Default 30 000 ms. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  limit: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  totalBudgetMs: 120_000,
  maxRetryAfterMs: 60_000,
};

const RETRY_STATUS = [408, 429, 500, 502, 503, 504, 521, 522, 524];
const NETWORK_ERRORS = [
  "ETIMEDOUT",
  "ECONNRESET",
  "EADDRINUSE",
  "ECONNREFUSED",
  "EPIPE",
  "ENOTFOUND",
  "ENETUNREACH",
  "EAI_AGAIN",
];
// A POST whose request may have reached the server must not be replayed blindly: the caller looks for
// the resource it may have made first. These two mean the request was not processed.
const POST_SAFE_ERRORS = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];

export interface RequestOptions {
  searchParams?: URLSearchParams;
  json?: object;
  /** Called when the request leaves, after any wait in the pacer (and again on each retry). */
  onSent?: () => void;
  /** Its turn in the pacer; a function is asked when the turn comes. Default: "write", or "read" for a GET. */
  urgency?: Urgency | (() => Urgency);
  /** One attempt, no retry: for a read whose answer is only advice. */
  once?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
  requestId: string | undefined;
  /** The server's Date header: its clock, to the second, when it answered. */
  date: string | undefined;
}

/** Thin wrapper over got: base URL, Basic auth, timeouts, retries with backoff and jitter, error mapping. */
export class HttpClient {
  private readonly got: Got;
  readonly endpoint: string;
  /** Which API and key this client speaks for (no secret): the scope of shared throttling and reads. */
  readonly identity: string;
  /** Removes this client's credentials from text a server sent. */
  readonly redact: Redact;
  private readonly requestTimeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly pacer: Pacer;

  constructor(options: HttpClientOptions) {
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    this.identity = `${this.endpoint} ${options.apiKey}`;
    this.redact = redactor(options.apiKey, options.apiSecret);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.policy = policy;
    const pacer = pacerFor(this.identity);
    this.pacer = pacer;
    this.got = got.extend({
      prefixUrl: this.endpoint,
      username: options.apiKey,
      password: options.apiSecret,
      headers: { "user-agent": options.userAgent, accept: "application/json" },
      timeout: { request: this.requestTimeoutMs },
      responseType: "json",
      retry: retryOptions(policy, pacer),
      hooks: {
        beforeRequest: [
          async (request) => {
            const context = contextOf(request);
            const urgency = context.urgency ?? (request.method === "GET" ? "read" : "write");
            // Whatever the rate-limit headers said, the turn is not awaited past the request's own
            // budget or its operation's deadline.
            const deadline = context.deadline ?? Infinity;
            await pacer.acquire(urgency, Math.min(deadline, context.budgetEndsAt ?? Infinity));
            const left = deadline - Date.now();
            if (left <= 0) throw new OutOfTime();
            // The attempt's timer starts now, after the wait: it ends by the deadline all the same.
            request.timeout = {
              ...request.timeout,
              request: Math.max(1, Math.min(this.requestTimeoutMs, left)),
            };
            context.sent = true;
            context.onSent?.();
          },
        ],
        afterResponse: [
          (response) => {
            pacer.observe(
              header(response.headers["x-ratelimit-limit"]),
              header(response.headers["x-ratelimit-remaining"]),
              header(response.headers["x-ratelimit-reset"]),
            );
            return response;
          },
        ],
      },
    });
  }

  async request<T>(
    operation: string,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResponse<T>> {
    const deadline = currentDeadline();
    const left = deadline === undefined ? Infinity : deadline - Date.now();
    if (left <= 0) {
      throw new ApiError({
        operation,
        status: 0,
        code: "out_of_time",
        detail: "the operation ran out of time before this request",
      });
    }
    try {
      const response = await this.got(path.replace(/^\//, ""), {
        method,
        searchParams: options.searchParams,
        json: options.json as Record<string, unknown> | undefined,
        responseType: "json",
        ...(options.once ? { retry: { limit: 0 } } : {}),
        context: {
          startedAt: Date.now(),
          budgetEndsAt: Date.now() + this.policy.totalBudgetMs,
          deadline,
          onSent: options.onSent,
          urgency: options.urgency,
        } satisfies RequestContext,
      });
      return {
        status: response.statusCode,
        body: response.body as T,
        requestId: header(response.headers["x-request-id"]),
        date: header(response.headers.date),
      };
    } catch (err) {
      throw toApiError(operation, method, err, this.redact);
    } finally {
      this.pacer.answered();
    }
  }
}

function retryDelay(
  { attemptCount, error, computedValue, retryAfter }: RetryObject,
  policy: RetryPolicy,
): number {
  if (computedValue === 0) return 0;
  const { startedAt = Date.now(), deadline = Infinity } = contextOf(error.options);
  const status = error.response?.statusCode;
  if (status !== 429 && attemptCount > policy.limit) return 0;
  if (error.options.method === "POST" && status !== 429 && !POST_SAFE_ERRORS.includes(error.code)) return 0;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptCount - 1));
  // Full jitter on our own backoff; a server-given Retry-After is honoured as is, plus a little spread.
  // got reads a negative one as negative ms and one that is neither seconds nor a date as NaN: those
  // say nothing, so our own backoff applies.
  const delay =
    retryAfter !== undefined && retryAfter > 0
      ? retryAfter + Math.random() * 250
      : backoff / 2 + (Math.random() * backoff) / 2;
  if (Date.now() - startedAt + delay > policy.totalBudgetMs) return 0;
  // A retry that could only start after the operation's deadline is not worth waiting for.
  if (Date.now() + delay >= deadline) return 0;
  return delay;
}

interface RequestContext {
  startedAt?: number;
  /** When the request's time budget (RetryPolicy.totalBudgetMs) ends (epoch ms). */
  budgetEndsAt?: number;
  /** The operation's deadline (epoch ms), when one is set. */
  deadline?: number;
  /** Whether an attempt has left (so a write's outcome may be unknown). */
  sent?: boolean;
  onSent?: () => void;
  urgency?: Urgency | (() => Urgency);
}

/** got's retries: which failures, how often, and the delay (which a 429 also imposes on the pacer). */
function retryOptions(policy: RetryPolicy, pacer: Pacer) {
  return {
    // 429s are bounded by the time budget alone; retryDelay bounds the others by policy.limit.
    limit: Math.max(policy.limit, 100),
    methods: ["GET", "POST", "PATCH", "DELETE"] as Method[],
    statusCodes: RETRY_STATUS,
    errorCodes: NETWORK_ERRORS,
    maxRetryAfter: policy.maxRetryAfterMs,
    calculateDelay: (attempt: RetryObject) => {
      // A failed attempt is an answer too: the pacer need not wait for the first one any longer.
      pacer.answered();
      const delay = retryDelay(attempt, policy);
      if (delay > 0 && attempt.error.response?.statusCode === 429) pacer.hold(delay);
      return delay;
    },
  };
}

function contextOf(options: { context?: unknown }): RequestContext {
  return (options.context ?? {}) as RequestContext;
}

function toApiError(operation: string, method: string, err: unknown, redact: Redact): ApiError {
  if (err instanceof HTTPError) {
    const response = err.response;
    return apiErrorFromResponse(
      operation,
      response.statusCode,
      response.body,
      header(response.headers["x-request-id"]),
      redact,
    );
  }
  if (err instanceof RequestError && err.code === OUT_OF_TIME) {
    // Not sent this time; an earlier attempt of a write may still have been applied.
    const unknown = method !== "GET" && contextOf(err.options).sent === true;
    return new ApiError({
      operation,
      status: 0,
      code: "out_of_time",
      detail: OUT_OF_TIME_DETAIL,
      outcomeUnknown: unknown,
    });
  }
  if (err instanceof RequestError) {
    // Whether the server applied a write we never heard back about is unknown, except when the
    // connection could not even be opened.
    const unknown = method !== "GET" && !POST_SAFE_ERRORS.includes(err.code);
    return new ApiError({
      operation,
      status: 0,
      code: err.code,
      detail: networkDetail(err),
      outcomeUnknown: unknown,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError({ operation, status: 0, detail: redact(message), outcomeUnknown: method !== "GET" });
}

const OUT_OF_TIME = "ERR_OUT_OF_TIME";
const OUT_OF_TIME_DETAIL =
  "the operation ran out of time while this request waited for its turn under the API's rate limit";

/** Thrown where a request's turn came only at its operation's deadline: it is not sent. */
class OutOfTime extends Error {
  readonly code = OUT_OF_TIME;
  constructor() {
    super(OUT_OF_TIME_DETAIL);
  }
}

function networkDetail(err: RequestError): string {
  // got's own message can quote the request options; keep only the error code and the host.
  const url = err.options?.url;
  const host = url ? `${url.protocol}//${url.host}` : "the API";
  return `could not complete the request to ${host} (${err.code ?? err.name})`;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
