/** The admin API's routes (`/_emulator/…`), one registrar per resource. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Authenticator } from "../auth";
import type { Counters, Faults } from "../faults";
import type { Store } from "../store";
import type { Delays, NetworkRecord, SeededNetwork } from "../store/types";
import {
  credentialsBody,
  delaysBody,
  emptyBody,
  faultsBody,
  kafkaClustersBody,
  networkParams,
  phaseBody,
  resetBody,
  resourceParams,
  seedSchema,
} from "./admin-schemas";
import { renderContext } from "./pagination";
import { renderEndpoint, renderService } from "./render";
import {
  countersSchema,
  credentialsSchema,
  delaysSchema,
  faultsSchema,
  healthSchema,
  adminNetworkSchema,
  okSchema,
  responses,
  stateSchema,
} from "./response-schemas";

export interface AdminContext {
  store: Store;
  faults: Faults;
  counters: Counters;
  auth: Authenticator;
  /** Delays given at start, restored by `POST /_emulator/reset`. */
  initialDelays: Delays;
  startedAt: number;
}

export const ADMIN_PREFIX = "/_emulator";

/** A seeded network as the admin API shows it: its seed fields, without the store's clock fields. */
function adminNetworkView({
  createdAt: _created,
  updatedAt: _updated,
  ...seeded
}: NetworkRecord): SeededNetwork {
  return { ...seeded, connection_types: [...seeded.connection_types] };
}

const OK = { ok: true as const };
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

function healthRoute(app: FastifyInstance, startedAt: number): void {
  app.get(`${ADMIN_PREFIX}/health`, { schema: { response: responses({ 200: healthSchema }) } }, async () => ({
    status: "ok" as const,
    uptime_seconds: (Date.now() - startedAt) / 1000,
  }));
}

/** Reset (everything back to the start, the seed kept unless asked) and seed. */
function stateWriteRoutes(app: FastifyInstance, admin: AdminContext): void {
  const { store, faults, counters } = admin;
  app.post(
    `${ADMIN_PREFIX}/reset`,
    { schema: { body: resetBody, response: responses({ 200: okSchema }) } },
    async (request) => {
      const body = request.body as { keepSeed?: boolean } | null;
      store.admin.reset(body?.keepSeed ?? true);
      store.admin.setDelays(admin.initialDelays);
      faults.clear();
      counters.reset();
      return OK;
    },
  );

  app.post(
    `${ADMIN_PREFIX}/seed`,
    { schema: { body: seedSchema, response: responses({ 200: okSchema }) } },
    async (request) => {
      store.admin.seed(request.body as typeof seedSchema._output);
      return OK;
    },
  );
}

/** The whole state, services and endpoints rendered as the networking API renders them. */
function stateRoute(app: FastifyInstance, store: Store): void {
  app.get(
    `${ADMIN_PREFIX}/state`,
    { schema: { response: responses({ 200: stateSchema }) } },
    async (request) => {
      const { state } = store;
      state.sweep();
      const context = renderContext(request, state.data.organizationId);
      const { data } = state;
      return {
        organization_id: data.organizationId,
        environments: [...data.environments],
        networks: [...data.networks.values()].map(adminNetworkView),
        services: [...data.services.values()].map((service) =>
          renderService(context, state.serviceView(service)),
        ),
        endpoints: [...data.endpoints.values()].map((endpoint) =>
          renderEndpoint(context, state.endpointView(endpoint)),
        ),
        delays: { ...state.delays },
      };
    },
  );
}

function networkRoutes(app: FastifyInstance, store: Store): void {
  app.patch(
    `${ADMIN_PREFIX}/networks/:id`,
    {
      schema: {
        params: networkParams,
        body: kafkaClustersBody,
        response: responses({ 200: adminNetworkSchema }),
      },
    },
    async (request) => {
      const { kafka_clusters } = request.body as { kafka_clusters: number };
      return adminNetworkView(store.admin.setKafkaClusters(idOf(request), kafka_clusters));
    },
  );
}

/** A service or endpoint behind the client's back: a pinned phase, or an out-of-band delete. */
function resourceRoutes(app: FastifyInstance, store: Store): void {
  app.post(
    `${ADMIN_PREFIX}/resources/:id/phase`,
    { schema: { params: resourceParams, body: phaseBody, response: responses({ 200: okSchema }) } },
    async (request) => {
      const { phase, ...rest } = request.body as typeof phaseBody._output;
      store.admin.forcePhase(idOf(request), phase === null ? null : { phase, ...rest });
      return OK;
    },
  );

  app.delete(
    `${ADMIN_PREFIX}/resources/:id`,
    { schema: { params: resourceParams, response: responses({ 204: null }) } },
    async (request, reply) => {
      store.admin.deleteOutOfBand(idOf(request));
      return reply.code(204).send();
    },
  );
}

function counterRoutes(app: FastifyInstance, counters: Counters): void {
  app.get(
    `${ADMIN_PREFIX}/counters`,
    { schema: { response: responses({ 200: countersSchema }) } },
    async () => counters.get(),
  );
  app.post(
    `${ADMIN_PREFIX}/counters/reset`,
    { schema: { body: emptyBody, response: responses({ 200: okSchema }) } },
    async () => {
      counters.reset();
      return OK;
    },
  );
}

function faultRoutes(app: FastifyInstance, faults: Faults): void {
  const faultsReply = { schema: { response: responses({ 200: faultsSchema }) } };
  app.get(`${ADMIN_PREFIX}/faults`, faultsReply, async () => faults.describe());
  app.put(
    `${ADMIN_PREFIX}/faults`,
    { schema: { body: faultsBody, response: responses({ 200: faultsSchema }) } },
    async (request) => {
      faults.set(request.body as typeof faultsBody._output);
      return faults.describe();
    },
  );
  app.delete(`${ADMIN_PREFIX}/faults`, faultsReply, async () => {
    faults.clear();
    return faults.describe();
  });
}

function delayRoutes(app: FastifyInstance, store: Store): void {
  app.get(`${ADMIN_PREFIX}/delays`, { schema: { response: responses({ 200: delaysSchema }) } }, async () => ({
    ...store.state.delays,
  }));
  app.put(
    `${ADMIN_PREFIX}/delays`,
    { schema: { body: delaysBody, response: responses({ 200: delaysSchema }) } },
    async (request) => store.admin.setDelays(request.body as Partial<Delays>),
  );
}

/** The accepted API keys and tokens, shown without their secrets. */
function credentialRoutes(app: FastifyInstance, auth: Authenticator): void {
  const credentialsReply = () => ({ credentials: auth.describe() });
  app.get(
    `${ADMIN_PREFIX}/credentials`,
    { schema: { response: responses({ 200: credentialsSchema }) } },
    async () => credentialsReply(),
  );
  app.put(
    `${ADMIN_PREFIX}/credentials`,
    { schema: { body: credentialsBody, response: responses({ 200: credentialsSchema }) } },
    async (request) => {
      auth.replace((request.body as typeof credentialsBody._output).credentials);
      return credentialsReply();
    },
  );
}

/** The admin API: not counted, never subject to faults, guarded by `adminGuard` (loopback or token). */
export function adminRoutes(app: FastifyInstance, admin: AdminContext): void {
  healthRoute(app, admin.startedAt);
  stateWriteRoutes(app, admin);
  networkRoutes(app, admin.store);
  resourceRoutes(app, admin.store);
  stateRoute(app, admin.store);
  counterRoutes(app, admin.counters);
  faultRoutes(app, admin.faults);
  delayRoutes(app, admin.store);
  credentialRoutes(app, admin.auth);
}
