import { NetworkingClient } from "../../provider/client/networking";
import { ProviderContext } from "../../provider/lifecycle/provider-context";

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
