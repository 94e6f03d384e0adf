import * as pulumi from "@pulumi/pulumi";

// The provider objects Pulumi serializes into the state of each resource (twice: inputs and outputs).
// Their methods load the installed package at run time, so they capture nothing: no credentials, no
// client, no copy of our code, and state written by an older release runs the installed release.
// Each method names its provider kind in its own text instead of capturing a variable or sharing a
// helper, because the serializer wraps every captured function and variable: this keeps each
// resource's state under 8 KB (bench/RESULTS.md, P4).

export const serviceForwarder: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => require("pulumi-confluent-network-link/runtime").configure(req),
  check: (olds, news) => require("pulumi-confluent-network-link/runtime").service().check(olds, news),
  diff: (id, olds, news) => require("pulumi-confluent-network-link/runtime").service().diff(id, olds, news),
  create: (inputs) => require("pulumi-confluent-network-link/runtime").service().create(inputs),
  read: (id, props) => require("pulumi-confluent-network-link/runtime").service().read(id, props),
  update: (id, olds, news) =>
    require("pulumi-confluent-network-link/runtime").service().update(id, olds, news),
  delete: (id, props) => require("pulumi-confluent-network-link/runtime").service().delete(id, props),
};

export const endpointForwarder: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => require("pulumi-confluent-network-link/runtime").configure(req),
  check: (olds, news) => require("pulumi-confluent-network-link/runtime").endpoint().check(olds, news),
  diff: (id, olds, news) => require("pulumi-confluent-network-link/runtime").endpoint().diff(id, olds, news),
  create: (inputs) => require("pulumi-confluent-network-link/runtime").endpoint().create(inputs),
  read: (id, props) => require("pulumi-confluent-network-link/runtime").endpoint().read(id, props),
  update: (id, olds, news) =>
    require("pulumi-confluent-network-link/runtime").endpoint().update(id, olds, news),
  delete: (id, props) => require("pulumi-confluent-network-link/runtime").endpoint().delete(id, props),
};
