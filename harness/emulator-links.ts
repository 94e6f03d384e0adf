/** The emulator's services and endpoints in a compact form that tests compare and print. */
import type { EmulatorAdmin } from "confluent-network-link-emulator";

export interface ServiceRow {
  id: string;
  name: string;
  network: string;
  /** Accepted network IDs, sorted. */
  accepts: string[];
  phase: string;
}

export interface EndpointRow {
  id: string;
  name: string;
  network: string;
  service: string;
  phase: string;
}

export interface EmulatorLinks {
  services: ServiceRow[];
  endpoints: EndpointRow[];
}

interface Rendered {
  id: string;
  spec: {
    display_name?: string;
    network: { id: string };
    network_link_service?: { id: string };
    accept?: { networks?: string[] | null };
  };
  status: { phase: string };
}

/** Both lists sorted by ID, so two snapshots of the same contents compare equal. */
export async function emulatorLinks(admin: EmulatorAdmin): Promise<EmulatorLinks> {
  const state = await admin.state();
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const services = (state.services as unknown as Rendered[]).map((r) => ({
    id: r.id,
    name: r.spec.display_name ?? "",
    network: r.spec.network.id,
    accepts: [...(r.spec.accept?.networks ?? [])].sort(),
    phase: r.status.phase,
  }));
  const endpoints = (state.endpoints as unknown as Rendered[]).map((r) => ({
    id: r.id,
    name: r.spec.display_name ?? "",
    network: r.spec.network.id,
    service: r.spec.network_link_service?.id ?? "",
    phase: r.status.phase,
  }));
  return { services: services.sort(byId), endpoints: endpoints.sort(byId) };
}
