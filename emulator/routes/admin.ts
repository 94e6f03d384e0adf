import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../context";
import { ID, parseBody, renderContext } from "./common";
import { renderEndpoint, renderService } from "./render";

/** The admin API (`/_emulator/…`): no auth, not counted, never subject to faults. */
const count = z.number().int().min(0);
const ms = z.number().int().min(0).max(2_147_483_647);

const seedBody = z.strictObject({
  organization_id: z.string().min(1).max(255).optional(),
  environments: z.array(
    z.strictObject({
      id: z.string().regex(ID.environment, { message: "must be a valid environment ID" }),
      networks: z
        .array(
          z.strictObject({
            id: z.string().regex(ID.network, { message: "must be a valid network ID" }),
            kafka_clusters: count.optional(),
          }),
        )
        .optional(),
    }),
  ),
});

const phaseBody = z.strictObject({
  phase: z.string().min(1).max(64).nullable(),
  error_code: z.string().max(255).optional(),
  error_message: z.string().max(2048).optional(),
});

const faultsBody = z.strictObject({
  rateLimit: z
    .strictObject({ requestsPerSecond: z.number().positive().max(1e9) })
    .nullable()
    .optional(),
  errors: z
    .strictObject({
      count: count.optional(),
      fraction: z.number().min(0).max(1).optional(),
      status: z.number().int().min(400).max(599).optional(),
      methods: z.array(z.string().toUpperCase()).optional(),
    })
    .nullable()
    .optional(),
  latencyMs: ms.optional(),
  dropCreateResponses: count.optional(),
  resetConnections: count.optional(),
});

const delaysBody = z.strictObject({
  serviceProvisioningMs: ms.optional(),
  endpointProvisioningMs: ms.optional(),
  deprovisioningMs: ms.optional(),
  pendingAcceptExpiryMs: ms.optional(),
});

export function adminRoutes(app: FastifyInstance, emulator: EmulatorContext): void {
  const { store, faults, counters } = emulator;
  const P = "/_emulator";

  app.post(`${P}/reset`, async (request) => {
    const body =
      request.body === undefined
        ? {}
        : parseBody(z.strictObject({ keepSeed: z.boolean().optional() }), request.body);
    store.reset(body.keepSeed ?? true);
    store.setDelays(emulator.initialDelays);
    faults.clear();
    counters.reset();
    return { ok: true };
  });

  app.post(`${P}/seed`, async (request) => {
    store.seed(parseBody(seedBody, request.body));
    return { ok: true };
  });

  app.patch(`${P}/networks/:id`, async (request) => {
    const { kafka_clusters } = parseBody(z.strictObject({ kafka_clusters: count }), request.body);
    return store.setKafkaClusters((request.params as { id: string }).id, kafka_clusters);
  });

  app.post(`${P}/resources/:id/phase`, async (request) => {
    const { phase, ...rest } = parseBody(phaseBody, request.body);
    store.forcePhase((request.params as { id: string }).id, phase === null ? null : { phase, ...rest });
    return { ok: true };
  });

  app.delete(`${P}/resources/:id`, async (request, reply) => {
    store.deleteOutOfBand((request.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.get(`${P}/state`, async (request) => {
    store.sweep();
    const ctx = renderContext(request, store.state.organizationId);
    const { state } = store;
    return {
      organization_id: state.organizationId,
      environments: [...state.environments],
      networks: Object.values(state.networks).map((n) => ({ ...n })),
      services: Object.values(state.services).map((s) => renderService(ctx, store.serviceView(s))),
      endpoints: Object.values(state.endpoints).map((e) => renderEndpoint(ctx, store.endpointView(e))),
      delays: { ...store.delays },
    };
  });

  app.get(`${P}/counters`, async () => counters.get());
  app.post(`${P}/counters/reset`, async () => {
    counters.reset();
    return { ok: true };
  });

  app.get(`${P}/faults`, async () => faults.describe());
  app.put(`${P}/faults`, async (request) => {
    faults.set(parseBody(faultsBody, request.body));
    return faults.describe();
  });
  app.delete(`${P}/faults`, async () => {
    faults.clear();
    return faults.describe();
  });

  app.get(`${P}/delays`, async () => ({ ...store.delays }));
  app.put(`${P}/delays`, async (request) => ({ ...store.setDelays(parseBody(delaysBody, request.body)) }));
}
