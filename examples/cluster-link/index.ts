import * as pulumi from "@pulumi/pulumi";
import * as confluentcloud from "@pulumi/confluentcloud";
import { BidirectionalNetworkLink, networkLinksNotNeeded } from "pulumi-confluent-network-link";

/**
 * Two Dedicated clusters on AWS PrivateLink networks, replicating both ways with destination-initiated
 * cluster links. Needs a real Confluent Cloud account (the `@pulumi/confluentcloud` plugin and a
 * Cloud API key); it does not run against the emulator.
 *
 * In a region where cluster linking no longer needs network links (the package's
 * NETWORK_LINK_RETIREMENT list, from Confluent's documentation) none are created. Elsewhere they run over a BidirectionalNetworkLink: each cluster link needs the
 * endpoint in the DESTINATION cluster's network pointing at the service of the SOURCE cluster's
 * network, so `link.aToB` (endpoint in network a) carries the link from cluster b into cluster a.
 *
 * The cluster links are made through each destination cluster's Kafka REST endpoint, which is
 * private: `pulumi up` creates them only where `createClusterLinks` is true (the default), from a
 * machine that reaches both clusters (see README.md).
 */
export = async () => {
  const config = new pulumi.Config();
  // Both networks are created in this region, so it is their region: the choice below cannot
  // disagree with where the clusters are.
  const region = config.get("region") ?? "us-east-1";
  // Override for organizations whose Confluent account team set them up otherwise.
  const useNetworkLinks = config.getBoolean("useNetworkLinks") ?? !networkLinksNotNeeded("AWS", region);
  const createClusterLinks = config.getBoolean("createClusterLinks") ?? true;
  const awsAccountId = config.require("awsAccountId"); // the AWS account allowed to reach the clusters

  const side = (key: "a" | "b", cidr: string) => {
    const environment = new confluentcloud.Environment(`env-${key}`, { displayName: `cluster-link-${key}` });
    const network = new confluentcloud.Network(`network-${key}`, {
      displayName: `cluster-link-${key}`,
      cloud: "AWS",
      region,
      cidr,
      connectionTypes: ["PRIVATELINK"],
      environment: { id: environment.id },
      dnsConfig: { resolution: "PRIVATE" },
    });
    new confluentcloud.PrivateLinkAccess(`private-link-${key}`, {
      displayName: `cluster-link-${key}`,
      aws: { account: awsAccountId },
      environment: { id: environment.id },
      network: { id: network.id },
    });
    const cluster = new confluentcloud.KafkaCluster(`cluster-${key}`, {
      displayName: `cluster-link-${key}`,
      availability: "MULTI_ZONE",
      cloud: "AWS",
      region,
      dedicated: { cku: 2 },
      environment: { id: environment.id },
      network: { id: network.id },
    });
    // A service account that administers the cluster, and its API key: the cluster link's credentials.
    const admin = new confluentcloud.ServiceAccount(`cluster-link-admin-${key}`, {
      description: `Administers cluster ${key} for its cluster links`,
    });
    const binding = new confluentcloud.RoleBinding(`cluster-link-admin-${key}`, {
      principal: pulumi.interpolate`User:${admin.id}`,
      roleName: "CloudClusterAdmin",
      crnPattern: cluster.rbacCrn,
    });
    const apiKey = new confluentcloud.ApiKey(
      `cluster-link-admin-${key}`,
      {
        displayName: `cluster-link-admin-${key}`,
        owner: { id: admin.id, apiVersion: admin.apiVersion, kind: admin.kind },
        managedResource: {
          id: cluster.id,
          apiVersion: cluster.apiVersion,
          kind: cluster.kind,
          environment: { id: environment.id },
        },
        // The readiness check calls the cluster, which is reachable only through its network: from
        // a laptop or a hosted CI runner it would fail. Documented for keys of privately networked clusters.
        disableWaitForReady: true,
      },
      { dependsOn: [binding] },
    );
    const credentials = { key: apiKey.id, secret: apiKey.secret };
    return { environment, network, cluster, credentials };
  };

  const a = side("a", "10.10.0.0/16");
  const b = side("b", "10.20.0.0/16");

  // The networks' IDs only once their clusters exist: an endpoint in a network with no cluster stays
  // INACTIVE, so creating the links after the clusters lets them come up READY.
  const afterCluster = (s: typeof a) => ({
    id: pulumi.all([s.network.id, s.cluster.id]).apply(([networkId]) => networkId),
  });
  const link = useNetworkLinks
    ? new BidirectionalNetworkLink("a-b", {
        a: { environment: a.environment, network: afterCluster(a) },
        b: { environment: b.environment, network: afterCluster(b) },
        description: "cluster linking between cluster-link-a and cluster-link-b",
      })
    : undefined;

  // Replicates topics of `source` into `destination`, created through the destination's REST endpoint.
  const clusterLink = (name: string, source: typeof a, destination: typeof a, endpoint?: pulumi.Resource) =>
    new confluentcloud.ClusterLink(
      name,
      {
        link: name,
        linkMode: "DESTINATION",
        sourceKafkaCluster: {
          id: source.cluster.id,
          bootstrapEndpoint: source.cluster.bootstrapEndpoint,
          credentials: source.credentials,
        },
        destinationKafkaCluster: {
          id: destination.cluster.id,
          restEndpoint: destination.cluster.restEndpoint,
          credentials: destination.credentials,
        },
      },
      { dependsOn: endpoint ? [endpoint] : [] },
    );

  const clusterLinks = createClusterLinks
    ? {
        bIntoA: clusterLink("b-into-a", b, a, link?.aToB).link, // destination a: endpoint in network a
        aIntoB: clusterLink("a-into-b", a, b, link?.bToA).link, // destination b: endpoint in network b
      }
    : undefined;

  // What a VPC endpoint to each network needs (see README.md): its endpoint service and DNS domain.
  const privateLink = (s: typeof a) => ({
    endpointService: s.network.aws.apply((aws) => aws?.[0]?.privateLinkEndpointService), // absent until known
    dnsDomain: s.network.dnsDomain,
    restEndpoint: s.cluster.restEndpoint,
  });

  return {
    region,
    networkLinks: useNetworkLinks,
    clusterA: a.cluster.id,
    clusterB: b.cluster.id,
    privateLinkA: privateLink(a),
    privateLinkB: privateLink(b),
    networkLinkPhases: link?.phases,
    networkLinksReady: link?.ready,
    clusterLinks,
  };
};
