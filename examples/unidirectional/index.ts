import * as pulumi from "@pulumi/pulumi";
import { NetworkLink } from "pulumi-confluent-network-link";

/**
 * One-way network link: clients (for cluster linking, the DESTINATION cluster) in the origin network
 * reach the target network. The target gets the service, the origin the endpoint.
 */
export = async () => {
  const config = new pulumi.Config();
  const link = new NetworkLink("origin-to-target", {
    origin: {
      environment: { id: config.get("originEnvironmentId") ?? "env-bbbbb1" },
      network: { id: config.get("originNetworkId") ?? "n-bbbbb1" },
    },
    target: {
      environment: { id: config.get("targetEnvironmentId") ?? "env-aaaaa1" },
      network: { id: config.get("targetNetworkId") ?? "n-aaaaa1" },
    },
  });
  return {
    serviceId: link.service.id,
    endpointId: link.endpoint.id,
    phases: link.phases,
    ready: link.ready,
  };
};
