// The native provider's Invoke: each function of the schema, run with the invoked instance's client.
import type { NetworkingClient } from "../client/networking";
import { findNetworkLinkEndpoint, findNetworkLinkService } from "../lookups-core";
import { PLUGIN } from "../package-identity";
import { FUNCTION_TOKENS } from "./function-schemas";

// The native provider's Invoke: each function of the schema (function-schemas.ts) served by the
// same lookups as the TypeScript functions, with the client of the provider instance invoked.

type Props = Record<string, unknown>;

const FUNCTIONS: Record<string, (args: Props, client: () => NetworkingClient) => Promise<unknown>> = {
  [FUNCTION_TOKENS.service]: (args, client) => findNetworkLinkService(args as never, client),
  [FUNCTION_TOKENS.endpoint]: (args, client) => findNetworkLinkEndpoint(args as never, client),
};

/** Runs the function `token` with plain `args`; `client` is called once the arguments are checked. */
export async function invokeFunction(
  token: string,
  args: Props,
  client: () => NetworkingClient,
): Promise<Props> {
  const run = FUNCTIONS[token];
  if (!run) {
    throw new Error(
      `unknown function ${token}: the ${PLUGIN} provider has the functions ${Object.keys(FUNCTIONS).join(", ")}`,
    );
  }
  return (await run(args, client)) as Props;
}
