// What the lifecycle needs from its host at run time (client, progress, warnings, timings), and its defaults.
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
  /** Something the user should act on or know about. */
  warn(message: string): void;
  poll?: Partial<PollSchedule>;
  /** Delay before retrying a create whose outcome was unknown. Default 1000 ms. */
  recreateDelayMs?: number;
  /**
   * How long a create whose outcome is unknown keeps trying to list what it may have made (through
   * 5xx, 403s, lost answers) before it gives up. Default 60 000 ms.
   */
  recoveryPatienceMs?: number;
  /** How long a new object may be missing from lists (assumed; see README). Default 5000 ms. */
  listLagMs?: number;
  /**
   * How long a refused delete waits for what holds the object to start going away (an endpoint
   * deprovisioning) before it fails, however long its delete timeout. Default 60 000 ms.
   */
  deleteBlockGraceMs?: number;
}

export const DEFAULT_DELETE_BLOCK_GRACE_MS = 60_000;

export const DEFAULT_READY_TIMEOUT_SECONDS = 3600;
export const DEFAULT_DELETE_TIMEOUT_SECONDS = 1800;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
