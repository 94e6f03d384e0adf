// The error that keeps a created but unsettled object in the state, with its ID.
/**
 * The error the dynamic-provider host turns into a resource initialization failure: the resource
 * stays in the state with this ID and these properties, and the update fails with the message.
 */
export class ResourceInitError extends Error {
  override readonly name = "ResourceInitError";
  readonly reasons: string[];
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
  ) {
    super(message);
    this.reasons = [message];
  }
}

/**
 * What the state records for a resource that failed to initialize. The serialized provider must be
 * kept with it: without `__provider` the host cannot load a provider to delete or refresh it.
 */
export function initErrorProperties(inputs: object, outputs: object): Record<string, unknown> {
  const provider = (inputs as { __provider?: unknown }).__provider;
  return provider === undefined ? { ...outputs } : { ...outputs, __provider: provider };
}
