// Public exports of pulumi-confluent-network-link.
export { NetworkLinkEndpoint } from "./resources/endpoint";
export type { NetworkLinkEndpointArgs, NetworkLinkServiceReference } from "./resources/endpoint";
export { NetworkLinkService } from "./resources/service";
export type { NetworkLinkServiceArgs } from "./resources/service";
export { ApiError } from "./client/errors";
// The REST client stays internal: its declarations reach zod's typings, which a user's stock tsconfig
// (no esModuleInterop, no skipLibCheck) cannot compile (TS1259).
export { CONFIG_KEYS, ENV_VARS } from "./config";
export { PACKAGE_NAME, VERSION } from "./version";
export { NetworkLink, validateLink } from "./components/network-link";
export type { NetworkLinkArgs } from "./components/network-link";
export { BidirectionalNetworkLink, validatePair } from "./components/bidirectional";
export type { BidirectionalNetworkLinkArgs } from "./components/bidirectional";
export { NetworkLinkMesh, largestMesh, validateMesh } from "./components/mesh";
export type { MeshNetwork, MeshPlan, NetworkLinkMeshArgs } from "./components/mesh";
export {
  acceptProblem,
  MAX_ENDPOINTS_PER_NETWORK,
  MAX_NETWORK_LINKS_PER_ORGANIZATION,
  MAX_SERVICES_PER_NETWORK,
} from "./components/shared";
export type { IdReference, LinkSettings, NetworkSide, Side } from "./components/shared";
