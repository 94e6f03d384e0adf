// The engine's custom timeouts as bounds of the lifecycle's waits.
import { DEFAULT_DELETE_TIMEOUT_SECONDS, DEFAULT_READY_TIMEOUT_SECONDS } from "../lifecycle/provider-context";

// The engine's custom timeouts (a program's `customTimeouts`, sent as CreateRequest.timeout and the
// like, in seconds) bound the same waits as the resources' own readyTimeoutSeconds and
// deleteTimeoutSeconds: the smaller wins, and a wait that ends says which one ended it. The lifecycle
// knows only its inputs, so the bound is handed to it as that input and taken out of what it returns.

export type TimedOperation = "create" | "update" | "delete";

/** The input that bounds the wait of an operation. */
export function timeoutInput(operation: TimedOperation): "readyTimeoutSeconds" | "deleteTimeoutSeconds" {
  return operation === "delete" ? "deleteTimeoutSeconds" : "readyTimeoutSeconds";
}

export interface WaitBound {
  seconds: number;
  /** What set it, as a message says it: "the create timeout of 2s (customTimeouts)", "readyTimeoutSeconds 5". */
  by: string;
  /** Whether the engine's timeout is the smaller one. */
  custom: boolean;
}

const secondsText = (seconds: number) => `${Number(seconds.toFixed(3))}s`;

/** The bound of an operation's wait: the resource's input (or its default) or the engine's timeout. */
export function waitBound(
  operation: TimedOperation,
  inputSeconds: number | undefined,
  engineTimeoutSeconds: number,
): WaitBound {
  const input = timeoutInput(operation);
  const own =
    inputSeconds ?? (operation === "delete" ? DEFAULT_DELETE_TIMEOUT_SECONDS : DEFAULT_READY_TIMEOUT_SECONDS);
  if (engineTimeoutSeconds > 0 && engineTimeoutSeconds < own) {
    return {
      seconds: engineTimeoutSeconds,
      by: `the ${operation} timeout of ${secondsText(engineTimeoutSeconds)} (customTimeouts)`,
      custom: true,
    };
  }
  const by = inputSeconds === undefined ? `the default ${input} of ${own}` : `${input} ${own}`;
  return { seconds: own, by, custom: false };
}

/** The inputs with the bound in place of the resource's own timeout input. */
export function boundInputs<T extends Record<string, unknown>>(
  inputs: T,
  operation: TimedOperation,
  bound: WaitBound,
): T {
  return bound.custom ? { ...inputs, [timeoutInput(operation)]: bound.seconds } : inputs;
}

/** What the lifecycle returned or recorded, with the resource's own timeout input restored. */
export function restoredTimeout<T extends Record<string, unknown>>(
  outputs: T,
  operation: TimedOperation,
  original: Record<string, unknown>,
): T {
  const input = timeoutInput(operation);
  const restored: Record<string, unknown> = { ...outputs };
  if (original[input] === undefined) delete restored[input];
  else restored[input] = original[input];
  return restored as T;
}

/**
 * A timeout message that says which bound ended the wait: "…: still PROVISIONING after 2s: the create
 * timeout of 2s (customTimeouts) ended the wait (last seen …)"; and, when the engine's timeout did,
 * the advice to raise it instead of the input.
 */
export function explainTimeout(message: string, operation: TimedOperation, bound: WaitBound): string {
  const explained = message.replace(/(still \S+ after \d+s)( \(|$|\.)/, `$1: ${bound.by} ended the wait$2`);
  if (!bound.custom) return explained;
  return explained.replace(
    `raise ${timeoutInput(operation)}`,
    `raise the ${operation} timeout in the resource's customTimeouts`,
  );
}
