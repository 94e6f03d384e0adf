/** `buildApp`: the networking API and the admin API in one fastify instance, not yet listening. */
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { adminGuard, isAdminRequest } from "./admin-guard";
import { Authenticator, type Credential, type Principal } from "./auth";
import { ApiError, Errors } from "./errors";
import { Counters, Faults } from "./faults";
import { loadState, saveState } from "./persistence";
import { ResponseChecker } from "./response-check";
import { adminRoutes } from "./routes/admin";
import { associationRoutes } from "./routes/associations";
import { registerCrudRoutes, registerReadRoutes } from "./routes/crud";
import { endpointCollection, networkCollection, serviceCollection } from "./routes/collections";
import { baseUrl } from "./routes/pagination";
import { zodValidatorCompiler } from "./routes/zod-validation";
import { createStore, type Store } from "./store";
import { DEFAULT_SEED } from "./store/seed";
import { DEFAULT_DELAYS, type Delays, type SeedInput } from "./store/types";

export type { Credential } from "./auth";
/** A Cloud API key accepted through HTTP Basic. */
export type Credentials = Extract<Credential, { key: string }>;

export const DEFAULT_CREDENTIALS: Credentials = { key: "EMULATOR_KEY", secret: "emulator-secret" };

export interface EmulatorOptions {
  host?: string;
  port?: number;
  /** API keys (HTTP Basic) and bearer tokens accepted, each optionally limited to environments. */
  credentials?: Credential[];
  seed?: SeedInput;
  delays?: Partial<Delays>;
  persistFile?: string;
  rateLimit?: { requestsPerSecond: number };
  organizationId?: string;
  /** Request logs (JSON lines) on stderr. */
  logger?: boolean;
  /**
   * The admin API's bearer token (`Authorization: Bearer <adminToken>`): lets clients beyond this
   * machine in, and is the only way in when the emulator listens beyond loopback.
   */
  adminToken?: string;
  /** Validate every response body against the route's declared schema (default true). */
  checkResponses?: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
    /** Whether fault injection applies to this request (see FaultSettings.onlyKey). */
    faulted: boolean;
  }
}

function installParsers(app: FastifyInstance): void {
  // Our own JSON parser: an empty body is "no body" (some clients send a content type on DELETE),
  // and malformed JSON becomes an enveloped 400 naming the parse error. Any other type is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(Errors.bad_request(`Malformed JSON in the request body: ${(error as Error).message}`), undefined);
    }
  });
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) {
    // Locations are stored as paths; make them absolute against the request's host.
    reply.header(name, name === "location" && value.startsWith("/") ? `${baseUrl(request)}${value}` : value);
  }
  return reply.code(error.status).header("x-request-id", request.id).send(error.toBody());
}

/** The state behind both APIs, and the server's clock. */
interface Parts {
  store: Store;
  faults: Faults;
  counters: Counters;
  auth: Authenticator;
  delays: Delays;
  now: () => number;
}

function createParts(options: EmulatorOptions): Parts {
  const delays: Delays = { ...DEFAULT_DELAYS, ...options.delays };
  const persistFile = options.persistFile;
  const faults = new Faults(options.rateLimit);
  // The server's clock: the host's, shifted by the clockSkewMs fault.
  const now = () => Date.now() + faults.clockSkewMs;
  const store = createStore(
    {
      now,
      delays,
      seed: options.seed ?? DEFAULT_SEED,
      organizationId: options.organizationId,
      onChange: persistFile ? (data) => saveState(persistFile, data) : undefined,
    },
    persistFile ? loadState(persistFile) : undefined,
  );
  const counters = new Counters();
  const auth = new Authenticator(options.credentials ?? [DEFAULT_CREDENTIALS]);
  return { store, faults, counters, auth, delays, now };
}

/** The fastify instance with its limits, body parser, validator and request fields. */
function createFastify(options: EmulatorOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: "info", stream: process.stderr } : false,
    genReqId: () => randomUUID(),
    bodyLimit: 1 << 20,
    // An ID in a path may be as long as the spec allows (maxLength 255), not Fastify's default 100.
    routerOptions: { maxParamLength: 255 },
    // Bad percent-encoding and over-long IDs are refused by the router before any hook runs.
    frameworkErrors: (error, request, reply) =>
      sendError(request, reply, Errors.from_framework(400, error.message)),
  });
  installParsers(app);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.decorateRequest("principal", undefined);
  app.decorateRequest("faulted", false);
  return app;
}

/**
 * Every request, first: the admin guard for the admin API; for the networking API the counters,
 * then (for faulted requests) connection resets, rate limit, latency and injected errors around auth.
 */
function requestGate({ faults, counters, auth }: Parts, guardAdmin: (request: FastifyRequest) => void) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header("x-request-id", request.id);
    if (isAdminRequest(request)) {
      guardAdmin(request);
      return;
    }
    counters.count(request.method, request.routeOptions.url ?? "(unmatched)");
    request.faulted = faults.appliesTo(request.headers.authorization);
    if (!request.faulted) {
      request.principal = auth.authenticate(request.headers.authorization);
      return;
    }
    if (faults.takeReset()) {
      reply.hijack();
      request.raw.socket?.destroy();
      return;
    }
    const rate = faults.rate(Date.now());
    if (!rate.allowed) throw Errors.rate_limit_exceeded(rate.retryAfter, rate.headers);
    for (const [name, value] of Object.entries(rate.headers)) reply.header(name, value);
    request.principal = auth.authenticate(request.headers.authorization);
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const injected = faults.injectedError(request.method);
    if (injected !== undefined) throw Errors.injected(injected);
  };
}

/**
 * Rate-limit headers belong to successes and 429s only. Date is the answer's own time, to the
 * second, as the API's servers send it (Node's is cached for up to a second).
 */
function answerHeaders(now: () => number) {
  return (
    _request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ) => {
    reply.header("date", new Date(now()).toUTCString());
    if (reply.statusCode >= 300 && reply.statusCode !== 429) {
      reply.removeHeader("x-ratelimit-limit");
      reply.removeHeader("x-ratelimit-remaining");
      reply.removeHeader("x-ratelimit-reset");
    }
    done(null, payload);
  };
}

/** One envelope for every error: the API's own, a framework 4xx, a logged 500, an unknown route. */
function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return sendError(request, reply, error);
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return sendError(request, reply, Errors.from_framework(status, (error as Error).message));
    }
    request.log.error(error);
    return sendError(
      request,
      reply,
      Errors.internal_error(`Unexpected emulator error: ${(error as Error).message}`),
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      Errors.not_found(`No route for ${request.method} ${request.url.split("?")[0].slice(0, 200)}.`),
    ),
  );
}

/** The networking API: services and endpoints (five operations each), networks and associations (read). */
function registerApiRoutes(app: FastifyInstance, { store, faults }: Parts): void {
  const org = () => store.state.data.organizationId;
  registerCrudRoutes(app, faults, org, serviceCollection(store));
  registerCrudRoutes(app, faults, org, endpointCollection(store));
  registerReadRoutes(app, org, networkCollection(store));
  associationRoutes(app, store);
}

/** The networking API plus the admin API, ready for `inject()` or `listen()`. */
export function buildApp(options: EmulatorOptions = {}): FastifyInstance {
  const parts = createParts(options);
  const checker = options.checkResponses === false ? undefined : new ResponseChecker();
  const guardAdmin = adminGuard(options.adminToken);
  const app = createFastify(options);
  app.addHook("onRequest", requestGate(parts, guardAdmin));
  // Before any route: every route with declared response schemas gets its check bound to it.
  if (checker) app.addHook("onRoute", (route) => checker.attach(route));
  app.addHook("onSend", answerHeaders(parts.now));
  installErrorHandlers(app);
  registerApiRoutes(app, parts);
  const { store, faults, counters, auth } = parts;
  adminRoutes(app, {
    store,
    faults,
    counters,
    auth,
    initialDelays: { ...parts.delays },
    startedAt: Date.now(),
  });
  return app;
}
