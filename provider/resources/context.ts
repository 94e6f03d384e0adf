import { NetworkingClient } from "../client/networking";
import type { CredentialSource } from "../credential-source";
import { PollSchedule } from "../wait";

/** What a resource provider needs at run time; built fresh from the stack config in each process. */
export interface ProviderContext {
  /**
   * The API client, made from credentials resolved at call time: from the resource's own credential
   * source when it names one, else the stack's default keys.
   */
  client(credentials?: CredentialSource): NetworkingClient;
  /** Progress while waiting (shown by the engine). */
  info(message: string): void;
  warn(message: string): void;
  poll?: Partial<PollSchedule>;
  /** Delay before retrying a create whose outcome was unknown. Default 1000 ms. */
  recreateDelayMs?: number;
}

export const DEFAULT_READY_TIMEOUT_SECONDS = 3600;
export const DEFAULT_DELETE_TIMEOUT_SECONDS = 1800;

/** The error the dynamic-provider host turns into a resource initialization failure: the resource stays in the state. */
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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Drops undefined members, which a protobuf Struct cannot carry. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
