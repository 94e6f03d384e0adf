/**
 * Phases are computed from timestamps at read time rather than advanced by timers: reads are
 * deterministic, nothing runs in the background, and a persisted state resumes where it was.
 */
import type { EndpointRecord, ServiceRecord, Status } from "./types";

export function servicePhase(service: ServiceRecord, now: number): Status {
  if (service.deletingAt !== undefined) return { phase: "DEPROVISIONING" };
  if (service.forced) return { ...service.forced };
  return { phase: now < service.readyAt ? "PROVISIONING" : "READY" };
}

export function isAdmitted(accept: ServiceRecord["accept"], endpoint: EndpointRecord): boolean {
  return accept.environments.includes(endpoint.environment) || accept.networks.includes(endpoint.network);
}

/** `kafkaClusters`: clusters in the endpoint's network; an idle network leaves the link INACTIVE. */
export function endpointPhase(endpoint: EndpointRecord, now: number, kafkaClusters: number): Status {
  if (endpoint.deletingAt !== undefined) return { phase: "DEPROVISIONING" };
  if (endpoint.forced) return { ...endpoint.forced };
  if (endpoint.disconnectedAt !== undefined) {
    return { phase: now < endpoint.disconnectedAt ? "DISCONNECTING" : "DISCONNECTED" };
  }
  if (now < endpoint.readyAt) return { phase: "PROVISIONING" };
  if (endpoint.acceptedAt === undefined) {
    const expiresAt = endpoint.expiresAt ?? endpoint.readyAt;
    if (now >= expiresAt) return { phase: "EXPIRED" };
    return { phase: "PENDING_ACCEPT", expires_at: new Date(expiresAt).toISOString() };
  }
  return { phase: kafkaClusters > 0 ? "READY" : "INACTIVE" };
}

/** Phases in which an endpoint keeps its service from being deleted. */
export const BLOCKING_PHASES = new Set([
  "PROVISIONING",
  "PENDING_ACCEPT",
  "READY",
  "INACTIVE",
  "DISCONNECTING",
  "DEPROVISIONING",
]);

/** Phases that occupy the one-endpoint-per-(network, service) slot, after the API's own wording. */
export const PAIR_PHASES = new Set([
  "PROVISIONING",
  "PENDING_ACCEPT",
  "READY",
  "INACTIVE",
  "DISCONNECTED",
  "DISCONNECTING",
]);
