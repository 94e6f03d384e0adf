import * as pulumi from "@pulumi/pulumi";
import { NetworkLinkMesh } from "pulumi-confluent-network-link";

/** Three networks, each linked to the two others: 3 services and 6 endpoints (6 of the 20 links). */
export = async () => {
  const config = new pulumi.Config();
  const mesh = new NetworkLinkMesh("mesh", {
    networks: [
      {
        name: "a1",
        environment: { id: config.get("a1EnvironmentId") ?? "env-aaaaa1" },
        network: { id: config.get("a1NetworkId") ?? "n-aaaaa1" },
      },
      {
        name: "a2",
        environment: { id: config.get("a2EnvironmentId") ?? "env-aaaaa1" },
        network: { id: config.get("a2NetworkId") ?? "n-aaaaa2" },
      },
      {
        name: "b1",
        environment: { id: config.get("b1EnvironmentId") ?? "env-bbbbb1" },
        network: { id: config.get("b1NetworkId") ?? "n-bbbbb1" },
      },
    ],
    // Links made elsewhere in the organization count against its limit of 20.
    existingLinkCount: config.getNumber("existingLinkCount") ?? 0,
  });
  return {
    serviceIds: Object.fromEntries(Object.entries(mesh.services).map(([key, s]) => [key, s.id])),
    endpointIds: Object.fromEntries(Object.entries(mesh.endpoints).map(([key, e]) => [key, e.id])),
    phases: mesh.phases,
    ready: mesh.ready,
  };
};
