// Service before endpoint: the checks of the service an endpoint's POST would otherwise fail or hang on.
import { ApiError } from "../client/errors";
import { NetworkingClient } from "../client/networking";
import { NetworkLinkService as WireService } from "../client/schemas";
import type { CredentialSource } from "../credential-source";
import { ProviderContext } from "./provider-context";

/** What the preflight needs of an endpoint's inputs. */
export interface PreflightInputs {
  environment: { id: string };
  network: { id: string };
  networkLinkService: { id: string; environment?: string; credentials?: CredentialSource };
  allowPendingAccept?: boolean;
}

/**
 * How old a list of services may be to let an endpoint through. It is read after this process's own
 * writes of services (an accept list updated earlier in this `up` is seen as it is now), so only a
 * change made elsewhere in that time could be missed, and then the API decides as it would have
 * anyway. A refusal or a warning is only ever given on a list read for the purpose.
 */
export const RECENT_SERVICES_MS = 30_000;

/**
 * Service before endpoint: everything about the service that would make the endpoint's POST fail or
 * hang, checked first, each failure naming the IDs and the fix.
 */
export async function checkServiceFirst(
  endpointClient: NetworkingClient,
  inputs: PreflightInputs,
  context: ProviderContext,
): Promise<void> {
  const ref = inputs.networkLinkService;
  // The service may sit in another team's environment, readable only with that team's key.
  const client = ref.credentials ? context.client(ref.credentials) : endpointClient;
  const recent = await readService(client, inputs, context, RECENT_SERVICES_MS);
  if (!recent || !objectionTo(recent, inputs)) return;
  const service = await readService(client, inputs, context, 0);
  const objection = service && objectionTo(service, inputs);
  if (!objection) return;
  if ("warning" in objection) context.warn(objection.warning);
  else throw new Error(objection.error);
}

/**
 * The service, from a shared list no older than `maxAgeMs` (0: a list of its own) read after this
 * process's last service write; undefined when it cannot be read and the endpoint may wait anyway.
 */
async function readService(
  client: NetworkingClient,
  inputs: PreflightInputs,
  context: ProviderContext,
  maxAgeMs: number,
): Promise<WireService | undefined> {
  const ref = inputs.networkLinkService;
  const serviceEnvironment = ref.environment ?? inputs.environment.id;
  try {
    return await client.poll("service", serviceEnvironment, ref.id, {
      maxAgeMs,
      afterOwnWrites: true,
      urgency: "read",
    });
  } catch (err) {
    if (!(err instanceof ApiError) || ![403, 404].includes(err.status)) throw err;
    if (inputs.allowPendingAccept) {
      context.warn(
        `network link service ${ref.id} cannot be read with this API key (${err.status}); with allowPendingAccept set, ` +
          `only the endpoint's own inputs were checked. The endpoint waits in PENDING_ACCEPT until the service's owner accepts it.`,
      );
      return undefined;
    }
    throw new Error(
      `networkLinkService: network link service ${ref.id} was not found in environment ${serviceEnvironment}. ` +
        `Create the service first and pass the NetworkLinkService resource itself (Pulumi then orders them), or set ` +
        `networkLinkService.environment when it lives in another environment. If another team owns it, set allowPendingAccept: true.`,
    );
  }
}

/**
 * What the service, as read, says against the endpoint's POST: an error that refuses it, a warning
 * (allowPendingAccept: it will wait to be accepted), or nothing.
 */
function objectionTo(
  service: WireService,
  inputs: PreflightInputs,
): { error: string } | { warning: string } | undefined {
  if (service.spec.network.id === inputs.network.id) {
    return {
      error:
        `networkLinkService: service ${service.id} is in network ${inputs.network.id}, the endpoint's own network. ` +
        `An endpoint lives in the origin network and points at the service of another (target) network.`,
    };
  }
  if (service.status.phase !== "READY") {
    return {
      error:
        `networkLinkService: service ${service.id} is ${service.status.phase}, not READY; an endpoint can only be created ` +
        `for a READY service. Wait for it (or fix it) and run \`pulumi up\` again.`,
    };
  }
  const environments = service.spec.accept?.environments ?? [];
  const networks = service.spec.accept?.networks ?? [];
  if (environments.includes(inputs.environment.id) || networks.includes(inputs.network.id)) return undefined;
  const list = `environments [${environments.join(", ")}], networks [${networks.join(", ")}]`;
  if (inputs.allowPendingAccept) {
    return {
      warning:
        `service ${service.id} does not accept this endpoint yet (${list}); it will wait in PENDING_ACCEPT until ` +
        `environment ${inputs.environment.id} or network ${inputs.network.id} is added to that accept list.`,
    };
  }
  return {
    error:
      `networkLinkService: service ${service.id} does not accept environment ${inputs.environment.id} or network ${inputs.network.id} ` +
      `(its accept list: ${list}). Add one of them to the service's accept.environments or accept.networks, ` +
      `or set allowPendingAccept: true if the service's owner will accept it later.`,
  };
}
