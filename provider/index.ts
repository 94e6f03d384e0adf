// Public exports of pulumi-confluent-network-link.
export { NetworkLinkEndpoint } from "./resources/endpoint";
export type { NetworkLinkEndpointArgs, NetworkLinkServiceReference } from "./resources/endpoint";
export { NetworkLinkService } from "./resources/service";
export type { NetworkLinkServiceArgs } from "./resources/service";
export { ApiError } from "./client/errors";
export { NetworkingClient } from "./client/networking";
export { CONFIG_KEYS, ENV_VARS } from "./config";
export { PACKAGE_NAME, VERSION } from "./version";
