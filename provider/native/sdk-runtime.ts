// What the provider server takes from @pulumi/pulumi besides its public API.
import type * as grpcTypes from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { sdkRequire } from "../sdk-require";

// What the provider server takes from @pulumi/pulumi besides its public API, each an export of the
// SDK's own modules that its typings leave out (marked internal there): the gRPC library it loads
// (the generated service definitions check messages against that copy), its Construct helpers, and
// the runtime's per-call state. Only called, never patched; one place to look when the SDK moves.

/** The @grpc/grpc-js that @pulumi/pulumi loads. */
export const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;

interface ProviderServerExports {
  /** ConstructRequest inputs as the SDK's components take them: outputs with their dependencies and secrets. */
  deserializeInputs(
    inputs: ReturnType<provproto.ConstructRequest["getInputs"]>,
    dependencies: { get(key: string): { getUrnsList(): string[] } | undefined },
  ): Promise<pulumi.Inputs>;
  containsOutputs(value: unknown): boolean;
}
export const providerServer = sdkRequire("./provider/server") as ProviderServerExports;

interface RuntimeInternals {
  /** Reads what the resource monitor supports (secrets, resource references, output values, …). */
  awaitFeatureSupport(): Promise<void>;
  /** Resolves once every resource registration of the current call is sent. */
  waitForRPCs(): Promise<void>;
}
export const runtimeInternals = pulumi.runtime as unknown as RuntimeInternals;

/** google.protobuf.Struct, from the copy the SDK's generated messages use. */
export const Struct = (
  sdkRequire("google-protobuf/google/protobuf/struct_pb") as {
    Struct: {
      fromJavaScript(
        value: Record<string, unknown>,
      ): NonNullable<ReturnType<provproto.CheckResponse["getInputs"]>>;
    };
  }
).Struct;

export interface Packable {
  serializeBinary(): Uint8Array;
}
/** google.protobuf.Any and Empty, from the same copy. */
export const Any = (
  sdkRequire("google-protobuf/google/protobuf/any_pb") as {
    Any: new () => NonNullable<Parameters<statusproto.Status["addDetails"]>[0]>;
  }
).Any;
export const Empty = (sdkRequire("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => Packable })
  .Empty;

interface StateExports {
  /** Runs `callback` with a runtime state (monitor, options, registrations) of its own. */
  withLocalStorage<T>(callback: () => Promise<T>): Promise<T>;
}
export const runtimeState = sdkRequire("./runtime/state") as StateExports;
