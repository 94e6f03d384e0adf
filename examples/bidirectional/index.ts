import * as pulumi from "@pulumi/pulumi";
import { BidirectionalNetworkLink } from "pulumi-confluent-network-link";

/** Network links both ways between network a and network b: a service and an endpoint in each. */
export = async () => {
  const config = new pulumi.Config();
  const link = new BidirectionalNetworkLink("a-b", {
    a: {
      environment: { id: config.get("aEnvironmentId") ?? "env-aaaaa1" },
      network: { id: config.get("aNetworkId") ?? "n-aaaaa1" },
    },
    b: {
      environment: { id: config.get("bEnvironmentId") ?? "env-bbbbb1" },
      network: { id: config.get("bNetworkId") ?? "n-bbbbb1" },
    },
    description: "managed by pulumi-confluent-network-link (examples/bidirectional)",
  });
  return {
    aServiceId: link.aService.id,
    bServiceId: link.bService.id,
    // aToB lives in network a and reaches network b; bToA the reverse.
    aToBEndpointId: link.aToB.id,
    bToAEndpointId: link.bToA.id,
    phases: link.phases,
    ready: link.ready,
  };
};
