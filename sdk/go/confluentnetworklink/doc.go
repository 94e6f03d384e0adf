// Confluent Cloud Network Linking: services, endpoints and link topologies. Network links are being retired (as of 2026-12-07; fully by December 31, 2026): see https://github.com/pulumi-confluent-network-link/pulumi-confluent-network-link/blob/main/docs/retiring-network-links.md
package confluentnetworklink
