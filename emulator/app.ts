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
import { endpointKind, networkKind, serviceKind } from "./routes/kinds";
import { baseUrl } from "./routes/pagination";
import { zodValidatorCompiler } from "./routes/zod-validation";
import { createStore } from "./store";
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

/** The networking API plus the admin API, ready for `inject()` or `listen()`. */
export function buildApp(options: EmulatorOptions = {}): FastifyInstance {
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
  const checker = options.checkResponses === false ? undefined : new ResponseChecker();
  const guardAdmin = adminGuard(options.adminToken);

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

  app.addHook("onRequest", async (request, reply) => {
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
  });

  // Before any route: every route with declared response schemas gets its check bound to it.
  if (checker) app.addHook("onRoute", (route) => checker.attach(route));

  // Rate-limit headers belong to successes and 429s only. Date is the answer's own time, to the
  // second, as the API's servers send it (Node's is cached for up to a second).
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.header("date", new Date(now()).toUTCString());
    if (reply.statusCode >= 300 && reply.statusCode !== 429) {
      reply.removeHeader("x-ratelimit-limit");
      reply.removeHeader("x-ratelimit-remaining");
      reply.removeHeader("x-ratelimit-reset");
    }
    done(null, payload);
  });

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

  const org = () => store.state.data.organizationId;
  registerCrudRoutes(app, faults, org, serviceKind(store));
  registerCrudRoutes(app, faults, org, endpointKind(store));
  registerReadRoutes(app, org, networkKind(store));
  associationRoutes(app, store);
  adminRoutes(app, { store, faults, counters, auth, initialDelays: { ...delays }, startedAt: Date.now() });
  return app;
}
