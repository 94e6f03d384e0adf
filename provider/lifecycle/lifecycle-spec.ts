// What sets one type of network-link object apart; everything else is the one lifecycle (lifecycle.ts).

import type { Urgency } from "../client/pacer";
import { z } from "zod";
import { ApiError } from "../client/errors";
import { EndpointFilter, NetworkingClient, ObjectType } from "../client/networking";
import type { CredentialSource } from "../credential-source";
import { PhaseVerdict } from "../wait";
import { ProviderContext } from "./provider-context";

/** The parts of a service or endpoint, as the API returns it, that the lifecycle reads. */
export interface WireObject {
  id: string;
  spec: {
    display_name?: string | null;
    description?: string | null;
    environment: { id: string };
    network: { id: string };
  };
  status: { phase: string; error_code?: string | null; error_message?: string | null };
  metadata?: { resource_name?: string | null; created_at?: string | null } | null;
}

/** The inputs every type has. */
export interface BaseInputs {
  environment: { id: string };
  network: { id: string };
  displayName: string;
  description?: string;
  adoptExistingId?: string;
  readyTimeoutSeconds?: number;
  deleteTimeoutSeconds?: number;
  credentials?: CredentialSource;
}

/** What the state records besides the inputs: what the API reports. */
export interface ApiStatus {
  resourceName: string;
  phase: string;
  errorCode?: string;
  errorMessage?: string;
}

export type Outputs<I> = I & ApiStatus;

export interface LifecycleSpec<I extends BaseInputs, W extends WireObject> {
  /** How messages name the type: "service", "endpoint". */
  noun: string;
  /** The resource type, for check messages. */
  typeName: string;
  schema: z.ZodType<I>;
  /** The API collection that holds this type; the calls themselves are the same (object-calls.ts). */
  collection: ObjectType;
  /**
   * The pacer's turn of this type's READY polls under a rate limit: "release" when other creates wait
   * for it (a service's endpoints), so that their writes do not keep it from being seen; default "poll".
   */
  pollUrgency?: Urgency;
  /**
   * The pacer's turn of this type's create (the POST and the snapshot read just before it): "start"
   * for a service, since each of its endpoints waits its whole provisioning time after it; a POST held
   * behind the polls of services made earlier (which cannot be READY before it is) delays them all
   * (bench P3); "release" for an endpoint, so that the READY polls of services queued after its POST
   * do not overtake it. Default "write".
   */
  createUrgency?: Urgency;
  /** The type's own fields of a create request, besides environment, network, name and description. */
  createFields(inputs: I): Record<string, unknown>;
  /** The type's own fields of an update request, for the changed fields. */
  updateFields?(inputs: I, changed: string[]): Record<string, unknown>;
  /** What else, besides the network, makes an object hold the one-per slot the inputs would take. */
  slot?: { filter(inputs: I): EndpointFilter; holds(object: W, inputs: I): boolean };
  /** Inputs (each `{ id }`) whose change forces a replacement. */
  replaceKeys: readonly string[];
  /** Updatable fields whose value differs between the state and the inputs. */
  changedFields(olds: Partial<Outputs<I>>, news: I): string[];
  /** Whether the replacement would take the same one-per slot, so the old object must go first. */
  sameSlot(olds: Partial<Outputs<I>>, news: I): boolean;
  /** Phases after which the object can only be replaced. */
  isTerminal(phase: string): boolean;
  /** How a wait judges a phase. */
  verdict(phase: string, inputs: I): PhaseVerdict;
  /** "endpoint 'a-to-b' (nle-…) in n-… to service nls-…": names the object in every message. */
  label(inputs: Partial<I>, id?: string): string;
  outputs(inputs: I | Outputs<I>, wire: W): Outputs<I>;
  /** The first sentence of the error for a taken slot: which object holds it, and the rule. */
  slotTaken(existing: W, inputs: I): string;
  /** A further way out of a taken slot, for the type. */
  slotAlternative?: string;
  /** Where an object to adopt differs from the inputs, e.g. "network n-1 (inputs say n-2)". */
  adoptMismatches(existing: W, inputs: I): string[];
  /** Warnings at check time (preview and up). */
  checkWarnings?(olds: Partial<Outputs<I>>, news: I): string[];
  /** Checks before the POST, against the API. */
  beforePost?(client: NetworkingClient, inputs: I, context: ProviderContext): Promise<void>;
  /** A warning about the phase the wait settled in. */
  settledWarning?(wire: W, inputs: I): string | undefined;
  /** What to do about the phase a wait ended in. */
  waitHint?(last: W, inputs: I): string;
  /**
   * Whether what refuses a delete (409) is on its way out, e.g. an endpoint deprovisioning; undefined
   * when that cannot be told. Once the grace has passed, a delete fails unless it is.
   */
  blockersLeaving?(client: NetworkingClient, environment: string, id: string): Promise<boolean | undefined>;
  /** Why a delete is refused (409) for good, e.g. the endpoints still attached. */
  deleteBlocked?(client: NetworkingClient, environment: string, id: string, err: ApiError): Promise<Error>;
  /** Progress line while a 409 delays a delete. */
  deleteWaitReason?: string;
}
