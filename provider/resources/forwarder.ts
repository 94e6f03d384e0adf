// The provider objects Pulumi serializes into the state of each resource (twice: inputs and outputs).
// Their methods load the installed package at run time, so they capture nothing but the type's name:
// no credentials, no client, no copy of our code, and state written by an older release runs the
// installed release. The serializer writes the one helper the methods share once, so the methods stay
// short: 2178 characters for a service's provider, against 2189 when each method spelled out its own
// `require(...)` (measured with pulumi.runtime.serializeFunction; bench P4 counts every byte).

import * as pulumi from "@pulumi/pulumi";

/** The serializable provider of one type: each method hands its call to the installed package. */
function forwarderFor(type: "service" | "endpoint"): pulumi.dynamic.ResourceProvider {
  // A short name: it is written into each method of the serialized text.
  const run = () => require("pulumi-confluent-network-link/runtime")[type]();
  return {
    configure: async (req) => require("pulumi-confluent-network-link/runtime").configure(req),
    check: (olds, news) => run().check(olds, news),
    diff: (id, olds, news) => run().diff(id, olds, news),
    create: (inputs) => run().create(inputs),
    read: (id, props) => run().read(id, props),
    update: (id, olds, news) => run().update(id, olds, news),
    delete: (id, props) => run().delete(id, props),
  };
}

export const serviceForwarder = forwarderFor("service");
export const endpointForwarder = forwarderFor("endpoint");
