// The phases the networking API reports, as types users can switch on. The API declares its phase
// enum extensible: a value added later arrives as is, so a default branch is still wise.

/**
 * Phases of a network link service. The API documents only READY; PROVISIONING, FAILED and ERROR
 * are the ones Confluent's own Terraform provider handles, DEPROVISIONING shows while it is deleted.
 */
export type NetworkLinkServicePhase = "PROVISIONING" | "READY" | "FAILED" | "ERROR" | "DEPROVISIONING";

/**
 * Phases of a network link endpoint: PROVISIONING → READY (INACTIVE while a network holds no Kafka
 * cluster); PENDING_ACCEPT until its service accepts it, then EXPIRED if it never does; DISCONNECTED
 * once the service stops accepting it; DEPROVISIONING / DISCONNECTING while it goes away; FAILED.
 */
export type NetworkLinkEndpointPhase =
  | "PROVISIONING"
  | "PENDING_ACCEPT"
  | "READY"
  | "INACTIVE"
  | "FAILED"
  | "EXPIRED"
  | "DISCONNECTED"
  | "DEPROVISIONING"
  | "DISCONNECTING";
