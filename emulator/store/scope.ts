/** The scoping rules services and endpoints share: environments, networks, IDs in other environments. */
import { Errors } from "../errors";
import type { StoreState } from "./state";
import type { ResourceRecord } from "./types";

/**
 * Where a request may point, for services and endpoints alike: environments and networks must exist, a network
 * must live in the environment named beside it, and an ID in another environment reads as unknown.
 */
export class Scope {
  constructor(private readonly state: StoreState) {}

  /** Lists name the environment in the query: an unknown one is a 403, as for an inaccessible one. */
  requireListEnvironment(env: string): void {
    if (this.state.data.environments.has(env)) return;
    throw Errors.user_unauthorized(
      `The environment ${env} was not found or is not accessible with this API key.`,
    );
  }

  /** A create body's environment and network: 422 naming the field, before anything is stored. */
  requireCreateTarget(env: string, network: { id: string; environment?: string }): void {
    if (!this.state.data.environments.has(env)) {
      throw Errors.invalid_configuration(`The environment ${env} was not found.`, {
        pointer: "/spec/environment/id",
      });
    }
    if (network.environment !== undefined && network.environment !== env) {
      throw Errors.invalid_configuration(
        `spec.network.environment (${network.environment}) must equal spec.environment.id (${env}).`,
        { pointer: "/spec/network/environment" },
      );
    }
    const record = this.state.data.networks.get(network.id);
    if (!record || record.environment !== env) {
      throw Errors.invalid_configuration(`The network ${network.id} was not found in environment ${env}.`, {
        pointer: "/spec/network/id",
      });
    }
  }

  /** The record if it exists in `env`; otherwise the collection's 404, worded like the API's. */
  find<R extends ResourceRecord>(
    map: Map<string, R>,
    env: string,
    id: string,
    notFound: (id: string) => Error,
  ): R {
    this.state.sweep();
    const record = map.get(id);
    if (!record || record.environment !== env) throw notFound(id);
    return record;
  }
}
