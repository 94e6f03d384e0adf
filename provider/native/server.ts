// The plugin's gRPC server: each call of the engine's ResourceProvider interface, answered by NativeProvider.
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { Metadata, ServiceError } from "@grpc/grpc-js";
import { construct, failConstructs } from "./construct";
import type { NativeDiff } from "./detailed-diff";
import type { ConfigFailure } from "./provider-config";
import type { NativeProvider } from "./provider";
import { PACKAGE } from "./schema";
import { Any, Empty, grpc, Struct } from "./sdk-runtime";

// The plugin's gRPC server: the engine's ResourceProvider interface, each call translated to
// NativeProvider. Served here rather than by @pulumi/pulumi's provider server, which answers
// Configure itself and drops the configuration (so an explicit provider's key was never used),
// answers CheckConfig and DiffConfig "not implemented", and passes on neither a detailed diff nor the
// operations' timeouts.

type Props = Record<string, unknown>;
type Callback<T> = (err: ServiceError | Error | null, response?: T, metadata?: Metadata) => void;
type Handler<Req, Res> = (call: { request: Req }, callback: Callback<Res>) => void;

const plain = (struct: { toJavaScript(): Props } | undefined): Props => struct?.toJavaScript() ?? {};

/** A handler that answers with what `run` returns, or with its error. */
function unary<Req, Res>(run: (request: Req) => Promise<Res> | Res): Handler<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => run(call.request))
      .then(
        (response) => callback(null, response),
        (err: unknown) => {
          const { error, metadata } = errorResponse(err);
          callback(error, undefined, metadata);
        },
      );
  };
}

/**
 * The gRPC error for a failure. A resource that was created but did not become ready carries its ID
 * and properties (ErrorResourceInitFailed), so the engine keeps it in the state.
 */
function errorResponse(err: unknown): { error: ServiceError; metadata: Metadata } {
  const message = err instanceof Error ? err.message : String(err);
  const metadata = new grpc.Metadata();
  const failed = err as { id?: string; properties?: Props; reasons?: string[] };
  if (failed?.id) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(failed.id);
    detail.setProperties(Struct.fromJavaScript(failed.properties ?? {}));
    detail.setReasonsList(failed.reasons ?? [message]);
    const packed = new Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  const error = Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
  return { error: error as ServiceError, metadata };
}

const unimplemented =
  (method: string): Handler<unknown, never> =>
  (_call, callback) =>
    callback(
      Object.assign(new Error(`${method} is not implemented`), { code: grpc.status.UNIMPLEMENTED }) as never,
    );

function checkResponse(inputs: Props | undefined, failures: ConfigFailure[] | undefined) {
  const response = new provproto.CheckResponse();
  if (inputs) response.setInputs(Struct.fromJavaScript(inputs));
  response.setFailuresList(
    (failures ?? []).map((f) => {
      const failure = new provproto.CheckFailure();
      failure.setProperty(f.property);
      failure.setReason(f.reason);
      return failure;
    }),
  );
  return response;
}

const KINDS = {
  update: provproto.PropertyDiff.Kind.UPDATE,
  "update-replace": provproto.PropertyDiff.Kind.UPDATE_REPLACE,
} as const;

/** A DiffResponse with the detailed diff, so the engine shows and acts on exactly these changes. */
export function diffResponse(diff: NativeDiff, inputDiff = true): provproto.DiffResponse {
  const response = new provproto.DiffResponse();
  const Changes = provproto.DiffResponse.DiffChanges;
  response.setChanges(diff.changes ? Changes.DIFF_SOME : Changes.DIFF_NONE);
  response.setReplacesList(diff.replaces);
  response.setStablesList(diff.stables);
  response.setDeletebeforereplace(diff.deleteBeforeReplace);
  response.setDiffsList(Object.keys(diff.detailed));
  const detailed = response.getDetaileddiffMap();
  for (const [key, kind] of Object.entries(diff.detailed)) {
    const property = new provproto.PropertyDiff();
    property.setKind(KINDS[kind]);
    // `phase` is an output: the state, not the program, says the object must be replaced.
    property.setInputdiff(inputDiff && key !== "phase");
    detailed.set(key, property);
  }
  response.setHasdetaileddiff(true);
  return response;
}

/** The calls about the plugin itself: its version and schema, components, the engine's address. */
function pluginCalls(provider: NativeProvider, engine: { address?: string }) {
  return {
    getPluginInfo: unary(() => new plugproto.PluginInfo().setVersion(provider.version)),
    getSchema: unary((req: provproto.GetSchemaRequest) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      return new provproto.GetSchemaResponse().setSchema(provider.schema);
    }),
    construct: unary((req: provproto.ConstructRequest) => construct(provider, req, engine.address)),
    invoke: unary(async (req: provproto.InvokeRequest) => {
      const result = await provider.invoke(req.getTok(), plain(req.getArgs()));
      return new provproto.InvokeResponse().setReturn(Struct.fromJavaScript(result));
    }),
    call: unary((req: provproto.CallRequest) => {
      throw new Error(`unknown method ${req.getTok()}: the ${PACKAGE} provider's components have no methods`);
    }),
    cancel: unary(() => new Empty()),
    attach: unary((req: plugproto.PluginAttach) => {
      engine.address = req.getAddress();
      return new Empty();
    }),
    parameterize: unimplemented("Parameterize"),
    handshake: unimplemented("Handshake"),
    list: unimplemented("List"),
    getMapping: unary(() => new provproto.GetMappingResponse().setProvider("").setData("")),
    getMappings: unary(() => new provproto.GetMappingsResponse().setProvidersList([])),
  };
}

/** The calls that set up a provider instance: its configuration, checked, compared and applied. */
function configCalls(provider: NativeProvider) {
  return {
    checkConfig: unary((req: provproto.CheckRequest) => {
      const { inputs, failures } = provider.checkConfig(req.getUrn(), plain(req.getNews()));
      return checkResponse(inputs, failures);
    }),
    diffConfig: unary((req: provproto.DiffRequest) => {
      const diff = provider.diffConfig(req.getUrn(), plain(req.getOlds()), plain(req.getNews()));
      const detailed = Object.fromEntries(
        diff.changed.map((key) => [key, diff.replaces.includes(key) ? "update-replace" : "update"] as const),
      );
      return diffResponse({
        changes: diff.changed.length > 0,
        replaces: diff.replaces,
        stables: [],
        deleteBeforeReplace: false,
        detailed,
      });
    }),
    configure: unary((req: provproto.ConfigureRequest) => {
      provider.configure(plain(req.getArgs()), {
        urn: req.getUrn() || undefined,
        id: req.getId() || undefined,
      });
      const response = new provproto.ConfigureResponse();
      response.setAcceptsecrets(true);
      response.setAcceptresources(true);
      response.setAcceptoutputs(true);
      return response;
    }),
  };
}

/** The calls of a resource's lifecycle: check, diff, create, read, update, delete. */
function resourceCalls(provider: NativeProvider) {
  return {
    check: unary(async (req: provproto.CheckRequest) => {
      const result = await provider.check(req.getUrn(), plain(req.getOlds()), plain(req.getNews()));
      return checkResponse(result.inputs ?? plain(req.getNews()), result.failures);
    }),
    diff: unary(async (req: provproto.DiffRequest) =>
      diffResponse(
        await provider.diff(req.getId(), req.getUrn(), plain(req.getOlds()), plain(req.getNews())),
      ),
    ),
    create: unary(async (req: provproto.CreateRequest) => {
      const created = await provider.create(req.getUrn(), plain(req.getProperties()), req.getTimeout());
      const response = new provproto.CreateResponse();
      response.setId(created.id);
      response.setProperties(Struct.fromJavaScript(created.outs));
      return response;
    }),
    read: unary(async (req: provproto.ReadRequest) => {
      const found = await provider.read(req.getId(), req.getUrn(), plain(req.getProperties()));
      const response = new provproto.ReadResponse();
      response.setId(found.id);
      response.setProperties(Struct.fromJavaScript(found.props));
      if (found.inputs) response.setInputs(Struct.fromJavaScript(found.inputs));
      return response;
    }),
    update: unary(async (req: provproto.UpdateRequest) => {
      const updated = await provider.update(
        req.getId(),
        req.getUrn(),
        plain(req.getOlds()),
        plain(req.getNews()),
        req.getTimeout(),
      );
      return new provproto.UpdateResponse().setProperties(Struct.fromJavaScript(updated.outs));
    }),
    delete: unary(async (req: provproto.DeleteRequest) => {
      await provider.delete(req.getId(), req.getUrn(), plain(req.getProperties()), req.getTimeout());
      return new Empty();
    }),
  };
}

/** The service implementation: every call of the ResourceProvider interface the engine makes. */
export function providerService(provider: NativeProvider, engine: { address?: string }) {
  return { ...pluginCalls(provider, engine), ...configCalls(provider), ...resourceCalls(provider) };
}

/** The engine's address, the first argument that is not a flag the engine adds (`-v=9`, `--logtostderr`, `--tracing <url>`). */
export function engineAddressOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

/** Serves `provider` on a free loopback port; resolves with the port. */
export async function listen(
  provider: NativeProvider,
  engineAddress: string | undefined,
): Promise<{ port: number; server: InstanceType<typeof grpc.Server> }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(
    provrpc.ResourceProviderService as never,
    providerService(provider, { address: engineAddress }) as never,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  return { port, server };
}

/** The plugin: serves the provider and prints the port, which is how the engine finds it. */
export async function serve(provider: NativeProvider, engineAddress: string | undefined): Promise<void> {
  // A component's child that fails to register rejects where no caller awaits it: the Construct calls
  // under way fail with it rather than wait forever, and anything else is reported and ends the plugin.
  const uncaught = (err: unknown) => {
    if (failConstructs(err)) return;
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  };
  process.on("uncaughtException", uncaught);
  process.on("unhandledRejection", uncaught);
  const { port } = await listen(provider, engineAddress);
  console.log(String(port));
}
