// The native resources as a component running inside the plugin registers them.
import * as pulumi from "@pulumi/pulumi";
import { TOKENS } from "./schema";

// The native resources as a component (running inside the provider plugin) registers them: plain
// custom resources of this package's types, served by this same plugin.

type Args = Record<string, pulumi.Input<unknown>>;

const reported = { resourceName: undefined, phase: undefined, errorCode: undefined, errorMessage: undefined };

export class NativeService extends pulumi.CustomResource {
  declare readonly phase: pulumi.Output<string>;
  constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
    super(TOKENS.service, name, { ...args, ...reported }, opts);
  }
}

export class NativeEndpoint extends pulumi.CustomResource {
  declare readonly phase: pulumi.Output<string>;
  constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
    super(TOKENS.endpoint, name, { ...args, ...reported }, opts);
  }
}
