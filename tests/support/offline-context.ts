import { NetworkingClient } from "../../provider/client/networking";
import { NetworkLinkEndpointProvider } from "../../provider/lifecycle/endpoint-spec";
import { ProviderContext } from "../../provider/lifecycle/provider-context";
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";

/** A context for provider logic that makes no API call; records what it would tell the user. */
export function offlineContext(): ProviderContext & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    client: () =>
      new NetworkingClient({
        endpoint: "http://127.0.0.1:9",
        apiKey: "k",
        apiSecret: "s",
        userAgent: "test",
      }),
    info: (m) => messages.push(`info: ${m}`),
    warn: (m) => messages.push(`warn: ${m}`),
  };
}

/** Valid inputs of a service and of an endpoint to it, for checks that change one property. */
export const OFFLINE_SERVICE = {
  environment: { id: "env-target1" },
  network: { id: "n-target1" },
  displayName: "target-service",
  accept: { environments: ["env-origin1"], networks: [] as string[] },
};
export const OFFLINE_ENDPOINT = {
  environment: { id: "env-origin1" },
  network: { id: "n-origin1" },
  networkLinkService: { id: "nls-abc123" },
  displayName: "origin-endpoint",
};

export const offlineServices = () => new NetworkLinkServiceProvider(offlineContext());
export const offlineEndpoints = () => new NetworkLinkEndpointProvider(offlineContext());
