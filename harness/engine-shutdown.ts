/**
 * When the CLI dies mid-operation, the inline program's pending calls to the engine fail with gRPC
 * UNAVAILABLE or CANCELLED (the runtime renames some "Resource monitor is terminating"), and the Pulumi
 * runtime re-raises them as unhandled rejections on purpose; the handler the Automation API installs
 * while the program runs ignores them. Under jest that handler sits on the sandbox's copy of `process`
 * and never fires, so jest would fail the test file for them. Drop exactly those rejections (the
 * runtime's own `isGrpcError` rule) on the real process; the operation's promise reports the failure.
 */
export function ignoreEngineShutdownRejections(): void {
  if (process.env.JEST_WORKER_ID === undefined) return;
  const real = require("node:vm").runInThisContext("process") as NodeJS.Process & Record<symbol, boolean>;
  const flag = Symbol.for("pulumi-confluent-network-link:ignore-engine-shutdown-rejections");
  if (real[flag]) return;
  real[flag] = true;
  const emit = real.emit;
  real.emit = function (this: NodeJS.Process, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "unhandledRejection" && isEngineShutdownError(args[0])) return true;
    return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof real.emit;
}

const GRPC_CANCELLED = 1;
const GRPC_UNAVAILABLE = 14;

function isEngineShutdownError(reason: unknown): boolean {
  if (typeof reason !== "object" || reason === null) return false;
  const { code, message } = reason as { code?: unknown; message?: unknown };
  return (
    code === GRPC_UNAVAILABLE ||
    code === GRPC_CANCELLED ||
    /Resource monitor is terminating/.test(String(message))
  );
}
