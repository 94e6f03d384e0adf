/**
 * A program error (a component's check, a child whose input fails) fails registrations, which Pulumi's
 * Node.js runtime reports as unhandled rejections; the CLI's language host catches and prints those. jest
 * fails the running test on any unhandled rejection (its listener sits on the real process), so while
 * `run` runs and settles, its listener is swapped for one that collects them; the messages are returned
 * (de-duplicated: one failure rejects every output of the child).
 */
export async function collectRejections(run: () => Promise<void>, settleMs = 100): Promise<string[]> {
  const real = require("node:vm").runInThisContext("process") as NodeJS.Process;
  const saved = real.rawListeners("unhandledRejection") as ((...args: unknown[]) => void)[];
  const caught: string[] = [];
  const listener = (reason: unknown) =>
    caught.push(reason instanceof Error ? reason.message : String(reason));
  real.removeAllListeners("unhandledRejection");
  real.on("unhandledRejection", listener);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    real.removeListener("unhandledRejection", listener);
    for (const l of saved) real.on("unhandledRejection", l);
  }
  return [...new Set(caught.map((m) => m.replace(/^(error serializing property "[^"]+": )+/, "")))];
}
