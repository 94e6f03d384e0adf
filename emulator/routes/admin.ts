import type { FastifyInstance } from "fastify";
import type { Authenticator } from "../auth";
import type { Counters, Faults } from "../faults";
import type { Store } from "../store";
import type { Delays, NetworkRecord } from "../store/types";
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
function adminNetworkView({ createdAt: _created, updatedAt: _updated, ...seeded }: NetworkRecord) {
  return { ...seeded, connection_types: [...seeded.connection_types] };
}

/** The admin API: not counted, never subject to faults, guarded by `adminGuard` (loopback or token). */
export function adminRoutes(app: FastifyInstance, c: AdminContext): void {
  const { store, faults, counters } = c;
  const P = ADMIN_PREFIX;
  const ok = { ok: true as const };
  const r = responses;

  app.get(`${P}/health`, { schema: { response: r({ 200: healthSchema }) } }, async () => ({
    status: "ok" as const,
    uptime_seconds: (Date.now() - c.startedAt) / 1000,
  }));

  app.post(`${P}/reset`, { schema: { body: resetBody, response: r({ 200: okSchema }) } }, async (request) => {
    const body = request.body as { keepSeed?: boolean } | null;
    store.admin.reset(body?.keepSeed ?? true);
    store.admin.setDelays(c.initialDelays);
    faults.clear();
    counters.reset();
    return ok;
  });

  app.post(`${P}/seed`, { schema: { body: seedSchema, response: r({ 200: okSchema }) } }, async (request) => {
    store.admin.seed(request.body as typeof seedSchema._output);
    return ok;
  });

  app.patch(
    `${P}/networks/:id`,
    { schema: { params: networkParams, body: kafkaClustersBody, response: r({ 200: adminNetworkSchema }) } },
    async (request) => {
      const { kafka_clusters } = request.body as { kafka_clusters: number };
      return adminNetworkView(
        store.admin.setKafkaClusters((request.params as { id: string }).id, kafka_clusters),
      );
    },
  );

  app.post(
    `${P}/resources/:id/phase`,
    { schema: { params: resourceParams, body: phaseBody, response: r({ 200: okSchema }) } },
    async (request) => {
      const { phase, ...rest } = request.body as typeof phaseBody._output;
      store.admin.forcePhase(
        (request.params as { id: string }).id,
        phase === null ? null : { phase, ...rest },
      );
      return ok;
    },
  );

  app.delete(
    `${P}/resources/:id`,
    { schema: { params: resourceParams, response: r({ 204: null }) } },
    async (request, reply) => {
      store.admin.deleteOutOfBand((request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  app.get(`${P}/state`, { schema: { response: r({ 200: stateSchema }) } }, async (request) => {
    const { state } = store;
    state.sweep();
    const ctx = renderContext(request, state.data.organizationId);
    const { data } = state;
    return {
      organization_id: data.organizationId,
      environments: [...data.environments],
      networks: [...data.networks.values()].map(adminNetworkView),
      services: [...data.services.values()].map((s) => renderService(ctx, state.serviceView(s))),
      endpoints: [...data.endpoints.values()].map((e) => renderEndpoint(ctx, state.endpointView(e))),
      delays: { ...state.delays },
    };
  });

  app.get(`${P}/counters`, { schema: { response: r({ 200: countersSchema }) } }, async () => counters.get());
  app.post(
    `${P}/counters/reset`,
    { schema: { body: emptyBody, response: r({ 200: okSchema }) } },
    async () => {
      counters.reset();
      return ok;
    },
  );

  const faultsReply = { schema: { response: r({ 200: faultsSchema }) } };
  app.get(`${P}/faults`, faultsReply, async () => faults.describe());
  app.put(
    `${P}/faults`,
    { schema: { body: faultsBody, response: r({ 200: faultsSchema }) } },
    async (request) => {
      faults.set(request.body as typeof faultsBody._output);
      return faults.describe();
    },
  );
  app.delete(`${P}/faults`, faultsReply, async () => {
    faults.clear();
    return faults.describe();
  });

  app.get(`${P}/delays`, { schema: { response: r({ 200: delaysSchema }) } }, async () => ({
    ...store.state.delays,
  }));
  app.put(
    `${P}/delays`,
    { schema: { body: delaysBody, response: r({ 200: delaysSchema }) } },
    async (request) => store.admin.setDelays(request.body as Partial<Delays>),
  );

  const credentialsReply = () => ({ credentials: c.auth.describe() });
  app.get(`${P}/credentials`, { schema: { response: r({ 200: credentialsSchema }) } }, async () =>
    credentialsReply(),
  );
  app.put(
    `${P}/credentials`,
    { schema: { body: credentialsBody, response: r({ 200: credentialsSchema }) } },
    async (request) => {
      c.auth.replace((request.body as typeof credentialsBody._output).credentials);
      return credentialsReply();
    },
  );
}
