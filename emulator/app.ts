import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import { ApiError, Errors } from "./errors";
import { Counters, Faults } from "./faults";
import { loadState, saveState } from "./persistence";
import { adminRoutes } from "./routes/admin";
import { associationRoutes } from "./routes/associations";
import { baseUrl } from "./routes/common";
import { endpointRoutes } from "./routes/endpoints";
import { serviceRoutes } from "./routes/services";
import { NetworkStore } from "./store/network-store";
import { DEFAULT_SEED } from "./store/seed";
import { DEFAULT_DELAYS, type Delays, type SeedInput } from "./store/types";

export interface Credentials {
  key: string;
  secret: string;
}

export const DEFAULT_CREDENTIALS: Credentials = { key: "EMULATOR_KEY", secret: "emulator-secret" };

export interface EmulatorOptions {
  host?: string;
  port?: number;
  credentials?: Credentials[];
  seed?: SeedInput;
  delays?: Partial<Delays>;
  persistFile?: string;
  rateLimit?: { requestsPerSecond: number };
  organizationId?: string;
  logger?: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    emulator: EmulatorContext;
  }
}

const ADMIN_PREFIX = "/_emulator/";

function authorized(header: string | undefined, credentials: Credentials[]): boolean {
  if (!header || !header.startsWith("Basic ")) return false;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  return credentials.some((c) => c.key === key && c.secret === secret);
}

function installParsers(app: FastifyInstance): void {
  // Our own JSON parser: an empty body is "no body" (some clients send a content type on DELETE),
  // and malformed JSON becomes an enveloped 400 naming the parse error.
  // The API speaks JSON only: any other content type is a 415.
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
  const credentials = options.credentials ?? [DEFAULT_CREDENTIALS];
  const delays: Delays = { ...DEFAULT_DELAYS, ...options.delays };
  const persistFile = options.persistFile;
  const store = new NetworkStore(
    {
      delays,
      seed: options.seed ?? DEFAULT_SEED,
      organizationId: options.organizationId,
      onChange: persistFile ? (state) => saveState(persistFile, state) : undefined,
    },
    persistFile ? loadState(persistFile) : undefined,
  );
  const emulator: EmulatorContext = {
    store,
    faults: new Faults(options.rateLimit),
    counters: new Counters(),
    initialDelays: { ...delays },
  };
  const { faults, counters } = emulator;

  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: 1 << 20,
    // Bad percent-encoding and over-long IDs are refused by the router before any hook runs.
    frameworkErrors: (error, request, reply) =>
      sendError(request, reply, Errors.from_framework(400, error.message)),
  });
  app.decorate("emulator", emulator);
  installParsers(app);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.url.startsWith(ADMIN_PREFIX)) return;
    counters.count(request.method, request.routeOptions.url ?? "(unmatched)");
    if (faults.takeReset()) {
      reply.hijack();
      request.raw.socket?.destroy();
      return;
    }
    const rate = faults.rate(Date.now());
    if (!rate.allowed) throw Errors.rate_limit_exceeded(rate.retryAfter, rate.headers);
    reply.header("x-ratelimit-limit", rate.headers["x-ratelimit-limit"]);
    reply.header("x-ratelimit-remaining", rate.headers["x-ratelimit-remaining"]);
    reply.header("x-ratelimit-reset", rate.headers["x-ratelimit-reset"]);
    if (!authorized(request.headers.authorization, credentials)) throw Errors.user_unauthenticated();
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const injected = faults.injectedError(request.method);
    if (injected !== undefined) throw Errors.injected(injected);
  });

  // Rate-limit headers belong to successes and 429s only.
  app.addHook("onSend", async (_request, reply, payload) => {
    if (reply.statusCode >= 300 && reply.statusCode !== 429) {
      reply.removeHeader("x-ratelimit-limit");
      reply.removeHeader("x-ratelimit-remaining");
      reply.removeHeader("x-ratelimit-reset");
    }
    return payload;
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

  serviceRoutes(app, emulator);
  endpointRoutes(app, emulator);
  associationRoutes(app, emulator);
  adminRoutes(app, emulator);
  return app;
}
