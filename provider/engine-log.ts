// Messages from a provider process to the engine's log.
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import { sdkRequire } from "./sdk-require";

// Messages from a provider process to the engine. The SDK's log functions take a Resource object,
// which a provider process does not have; the engine's Log call takes a URN (or none, for a message
// of the whole update), so this client sends it directly. Both plugins, the native one and the
// dynamic-provider host, get the engine's address as their first argument.

type ChannelCredentials = ConstructorParameters<typeof engrpc.EngineClient>[1];

/** Insecure channel credentials from the gRPC library @pulumi/pulumi itself loads: the generated client checks them against its own copy. */
function insecureCredentials(): ChannelCredentials {
  const grpc = sdkRequire("@grpc/grpc-js") as {
    credentials: { createInsecure(): ChannelCredentials };
  };
  return grpc.credentials.createInsecure();
}

/** The engine's address when this process is a provider plugin (its first argument is host:port). */
export function pluginEngineAddress(argv: readonly string[] = process.argv): string | undefined {
  const first = argv[2];
  return first !== undefined && /^[\w.[\]:-]+:\d+$/.test(first) ? first : undefined;
}

export class EngineLog {
  private readonly client?: engrpc.EngineClient;
  private last: Promise<void> = Promise.resolve();

  constructor(address: string | undefined) {
    if (address) this.client = new engrpc.EngineClient(address, insecureCredentials());
  }

  info(urn: string, message: string): Promise<void> {
    return this.send(urn, engproto.LogSeverity.INFO, message);
  }

  warn(urn: string, message: string): Promise<void> {
    return this.send(urn, engproto.LogSeverity.WARNING, message);
  }

  private send(urn: string, severity: engproto.LogSeverity, message: string): Promise<void> {
    const client = this.client;
    if (!client) {
      console.error(severity === engproto.LogSeverity.WARNING ? `WARNING: ${message}` : message);
      return Promise.resolve();
    }
    const request = new engproto.LogRequest();
    request.setSeverity(severity);
    request.setMessage(message);
    request.setUrn(urn);
    // In order, and never failing the operation that logs.
    this.last = this.last.then(() => new Promise<void>((resolve) => client.log(request, () => resolve())));
    return this.last;
  }
}
