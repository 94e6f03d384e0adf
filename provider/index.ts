// Public exports of pulumi-confluent-network-link: resources, components, their Args and outputs
// types, lookups and documented helpers. The API client and the validation schemas stay internal.
export { NetworkLinkService } from "./resources/service";
export type { NetworkLinkServiceArgs, NetworkLinkServiceGetState } from "./resources/service";
export { NetworkLinkEndpoint } from "./resources/endpoint";
export type {
  NetworkLinkEndpointArgs,
  NetworkLinkEndpointGetState,
  NetworkLinkServiceReference,
} from "./resources/endpoint";
export type { NetworkLinkEndpointPhase, NetworkLinkServicePhase } from "./resources/phases";
export type { CredentialSource } from "./credential-source";
export {
  getNetworkLinkEndpoint,
  getNetworkLinkEndpointOutput,
  getNetworkLinkService,
  getNetworkLinkServiceOutput,
} from "./lookups";
export type {
  GetNetworkLinkEndpointArgs,
  GetNetworkLinkEndpointResult,
  GetNetworkLinkServiceArgs,
  GetNetworkLinkServiceResult,
} from "./lookups";
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
export { NETWORK_LINK_RETIREMENT, networkLinksNotNeeded, RETIREMENT_GUIDE_URL } from "./retirement";
export { VERSION } from "./version";
