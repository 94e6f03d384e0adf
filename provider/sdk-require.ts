// Loads the closed list of modules taken from @pulumi/pulumi's own dependency tree.
import { createRequire } from "node:module";

// Modules of @pulumi/pulumi's own dependency tree (its gRPC library and protobuf copy, and internal
// modules its typings leave out), loaded as @pulumi/pulumi resolves them: its generated gRPC clients
// and messages check what they are given against those very copies. The list is closed so that the
// plugin's bundler (scripts/build-plugin/bundle.ts) can bundle each one in place of this function.

export const SDK_MODULES = [
  "@grpc/grpc-js",
  "./provider/server",
  "./runtime/state",
  "google-protobuf/google/protobuf/struct_pb",
  "google-protobuf/google/protobuf/any_pb",
  "google-protobuf/google/protobuf/empty_pb",
] as const;

export type SdkModule = (typeof SDK_MODULES)[number];

let fromSdk: NodeJS.Require | undefined;

/** One of SDK_MODULES, from @pulumi/pulumi's own tree. */
export function sdkRequire(id: SdkModule): unknown {
  fromSdk ??= createRequire(require.resolve("@pulumi/pulumi"));
  return fromSdk(id);
}
