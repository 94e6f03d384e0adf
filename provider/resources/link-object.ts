import * as pulumi from "@pulumi/pulumi";
import type { CredentialSource } from "../credential-source";

/** Inputs both resources take alike: naming, how long to wait, and whose credentials to use. */
export interface LinkObjectArgs {
  /**
   * Name shown in Confluent Cloud, 1 to 255 characters (surrounding spaces are trimmed). Default: the
   * resource name. Updated in place.
   */
  displayName?: pulumi.Input<string | undefined>;
  /**
   * Free-text description, up to 255 characters (the API's limit). Updated in place; when unset, the
   * description the object already has is left alone (an empty string clears it).
   */
  description?: pulumi.Input<string | undefined>;
  /** How long create waits for READY before failing, 1 to 86400 seconds. Default 3600. */
  readyTimeoutSeconds?: pulumi.Input<number | undefined>;
  /**
   * How long delete waits for the object to be gone, 1 to 86400 seconds (a service also waits for
   * its endpoints still deprovisioning). Default 1800.
   */
  deleteTimeoutSeconds?: pulumi.Input<number | undefined>;
  /**
   * Where this resource's API key and secret come from, when not from `confluentcloud:cloudApiKey` /
   * `confluentcloud:cloudApiSecret`: names of other stack-config keys or environment variables, read
   * when the provider runs. Only the names are stored in the state. Default: the stack's keys.
   */
  credentials?: pulumi.Input<CredentialSource | undefined>;
}

/** What `get` needs besides the ID: the API reads an object only within its environment. */
export interface LinkObjectGetState {
  /** The object's environment: `{ id: "env-…" }`. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /** Where the API key comes from, when not from the stack's default keys. */
  credentials?: pulumi.Input<CredentialSource | undefined>;
}

/**
 * The properties a resource class registers: every output unset, then the inputs with the display name
 * defaulting to the resource name; for `get` (opts.id), only what the read needs.
 */
export function registeredProps(
  name: string,
  args: LinkObjectArgs & LinkObjectGetState,
  opts: pulumi.CustomResourceOptions | undefined,
  outputNames: readonly string[],
  extraInputs: Record<string, unknown> = {},
): Record<string, unknown> {
  const outputs = Object.fromEntries(outputNames.map((output) => [output, undefined]));
  if (opts?.id) return { ...outputs, environment: args.environment, credentials: args.credentials };
  const displayName = pulumi.output(args.displayName).apply((d) => d ?? name);
  return { ...outputs, ...args, displayName, ...extraInputs };
}

/** True when `obj` is a resource registered with this type token (also across copies of the package). */
export function hasTypeToken(obj: unknown, type: string): boolean {
  return (obj as { __pulumiType?: unknown } | undefined)?.__pulumiType === type;
}

/**
 * Outputs both resources have alike, and how both register; each kind declares the rest (its phase
 * union, service, accept) and its own documented `get` and `isInstance`.
 */
export abstract class LinkObjectResource extends pulumi.dynamic.Resource {
  /** The environment of the network that holds this object. */
  declare readonly environment: pulumi.Output<{ id: string }>;
  /** The network that holds this object (the target network for a service, the origin for an endpoint). */
  declare readonly network: pulumi.Output<{ id: string }>;
  /** Name shown in Confluent Cloud. */
  declare readonly displayName: pulumi.Output<string>;
  /** Description shown in Confluent Cloud ("" when it has none). */
  declare readonly description: pulumi.Output<string>;
  /** The object's CRN. */
  declare readonly resourceName: pulumi.Output<string>;
  /** The API's error code, when it reports one. */
  declare readonly errorCode: pulumi.Output<string | undefined>;
  /** The API's error message, when it reports one. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;

  /** Registers a resource of one kind: its forwarder, type name and declared outputs (see registeredProps). */
  protected constructor(
    kind: { forwarder: pulumi.dynamic.ResourceProvider; typeName: string; outputs: readonly string[] },
    name: string,
    args: LinkObjectArgs & LinkObjectGetState,
    opts: pulumi.CustomResourceOptions | undefined,
    extraInputs: Record<string, unknown> = {},
  ) {
    const props = registeredProps(name, args, opts, kind.outputs, extraInputs);
    super(kind.forwarder, name, props, opts, "confluent-network-link", kind.typeName);
  }
}
