import * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into the state of each resource. Its methods load the
 * installed package at run time, so it captures nothing but the kind of resource: no credentials,
 * no client, no copy of our code.
 */
export function forwardingProvider(kind: "service" | "endpoint"): pulumi.dynamic.ResourceProvider {
  const load = () => {
    const runtime = require("pulumi-confluent-network-link/runtime");
    return kind === "service" ? runtime.serviceProvider() : runtime.endpointProvider();
  };
  return {
    configure: async (req) => require("pulumi-confluent-network-link/runtime").configure(req),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
