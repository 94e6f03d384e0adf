// What both resource classes share: common Args, outputs, registration, `get` and `isInstance`.
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
   * its endpoints still deprovisioning; endpoints that nobody is deleting fail its delete after a
   * minute, naming them). Default 1800.
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

/** The Pulumi module both dynamic resource types are registered under. */
const MODULE = "confluent-network-link";

/** What sets one resource type apart where it registers: its forwarder, type name and own outputs. */
export interface LinkObjectClassSpec {
  /** The serialized provider that runs this type's lifecycle. */
  readonly forwarder: pulumi.dynamic.ResourceProvider;
  /** The type name, the last part of the type token. */
  readonly typeName: string;
  /** Outputs of this type besides those every type has (LINK_OBJECT_OUTPUTS). */
  readonly ownOutputs: readonly string[];
}

/** Outputs every type has, registered unset so that the engine fills them in. */
const LINK_OBJECT_OUTPUTS = [
  "network",
  "displayName",
  "description",
  "resourceName",
  "phase",
  "errorCode",
  "errorMessage",
] as const;

/** The type token the engine records for a resource of this type (what `isInstance` compares). */
function typeTokenOf(spec: LinkObjectClassSpec): string {
  return `pulumi-nodejs:dynamic/${MODULE}:${spec.typeName}`;
}

// The spec of each resource class, set once by registerLinkObjectClass beside the class: kept out of
// the classes' declarations, where a user would read it as part of the API.
const specsByClass = new WeakMap<object, LinkObjectClassSpec>();

/** Says how a class registers: which type of link object it is (call it once, beside the class). */
export function registerLinkObjectClass(cls: typeof LinkObjectResource, spec: LinkObjectClassSpec): void {
  specsByClass.set(cls, spec);
}

/** The spec of a class, or of the nearest class it extends (a user's subclass is of its base's type). */
function specOfClass(cls: unknown): LinkObjectClassSpec | undefined {
  for (let c = cls; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    const spec = specsByClass.get(c);
    if (spec) return spec;
  }
  return undefined;
}

/**
 * Outputs both resources have alike, how both register, and their `get` and `isInstance`; each type
 * declares the rest (its phase union, service, accept) and is registered with its type.
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

  /**
   * Reads an existing object into the program without managing it: `pulumi up` never changes or
   * deletes it. Call it on the class of the object's type, which is also the type it returns:
   * `NetworkLinkService.get(name, "nls-…", { environment: { id: "env-…" } })` gives a
   * NetworkLinkService, `NetworkLinkEndpoint.get(name, "nle-…", { environment: { id: "env-…" } })` a
   * NetworkLinkEndpoint. To manage an existing object, declare it with `adoptExistingId` instead.
   *
   * @param name The resource name in this program.
   * @param id The object's ID: `nls-…` for a service, `nle-…` for an endpoint.
   * @param state The object's environment (the API reads an object only within it), and where the API
   *   key comes from when not from the stack's default keys.
   */
  static get<T extends LinkObjectResource>(
    this: new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => T,
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state: LinkObjectGetState,
    opts?: pulumi.CustomResourceOptions,
  ): T {
    return new this(name, state as never, { ...opts, id });
  }

  /**
   * True when `obj` is a resource of the type of the class it is called on, from this package (also
   * across copies of it), and only then: `NetworkLinkService.isInstance(x)` is true for services only.
   */
  static override isInstance<T extends LinkObjectResource>(
    this: abstract new (...args: never[]) => T,
    obj: unknown,
  ): obj is T {
    const spec = specOfClass(this);
    return spec !== undefined && hasTypeToken(obj, typeTokenOf(spec));
  }

  /** Registers a resource of the type of its class (see registeredProps), with the type's extra inputs. */
  protected constructor(
    name: string,
    args: LinkObjectArgs & LinkObjectGetState,
    opts: pulumi.CustomResourceOptions | undefined,
    extraInputs: Record<string, unknown> = {},
  ) {
    const spec = specOfClass(new.target);
    if (!spec)
      throw new Error(
        `${new.target.name} does not say which type of link object it is (call registerLinkObjectClass beside it)`,
      );
    const outputs = [...LINK_OBJECT_OUTPUTS, ...spec.ownOutputs];
    const props = registeredProps(name, args, opts, outputs, extraInputs);
    super(spec.forwarder, name, props, opts, MODULE, spec.typeName);
  }
}
