// Confluent Cloud Network Linking: services, endpoints and link topologies.
package confluentnetworklink
