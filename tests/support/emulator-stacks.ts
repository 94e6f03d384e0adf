import { PulumiFn } from "@pulumi/pulumi/automation";
import {
  DEFAULT_CREDENTIALS,
  Delays,
  EmulatorAdmin,
  RunningEmulator,
  startEmulator,
} from "confluent-network-link-emulator";
import type { CliProject } from "../../harness/cli-project";
import { createTestStack, TestStack, TestStackOptions } from "../../harness/stack";
import { NetworkLinkService } from "../../provider";

/** An emulator on 127.0.0.1 and stacks wired to it: what every end-to-end test starts from. */
export interface E2e {
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  /** A stack whose provider talks to the emulator; credentials are secret stack config. */
  stack(program: PulumiFn, options?: Partial<TestStackOptions>): Promise<TestStack>;
  /** Destroys (best effort) and disposes every stack made, then stops the emulator. */
  close(): Promise<void>;
}

export const FAST_DELAYS: Partial<Delays> = {
  serviceProvisioningMs: 300,
  endpointProvisioningMs: 300,
  deprovisioningMs: 200,
};

// The wait polls fast enough for sub-second provisioning in tests; the real schedule is measured in bench/.
export const FAST_POLL = {
  "confluentNetworkLink:pollInitialDelayMs": "100",
  "confluentNetworkLink:pollMaxDelayMs": "500",
};

export async function startE2e(delays: Partial<Delays> = FAST_DELAYS): Promise<E2e> {
  const emulator = await startEmulator({ delays });
  const stacks: TestStack[] = [];
  return {
    emulator,
    admin: new EmulatorAdmin(emulator.url),
    async stack(program, options = {}) {
      const stack = await createTestStack({
        program,
        ...options,
        config: { "confluentcloud:endpoint": emulator.url, ...FAST_POLL, ...options.config },
        secretConfig: {
          "confluentcloud:cloudApiKey": DEFAULT_CREDENTIALS.key,
          "confluentcloud:cloudApiSecret": DEFAULT_CREDENTIALS.secret,
          ...options.secretConfig,
        },
      });
      stacks.push(stack);
      return stack;
    },
    async close() {
      for (const stack of stacks) {
        await stack.destroy().catch(() => undefined);
        await stack.dispose();
      }
      await emulator.close();
    },
  };
}

/** The change counts of an operation's summary, without the zero entries. */
export function changes(summary: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(summary ?? {}).filter(([, n]) => n > 0));
}

/** `pulumi stack init dev` in a CLI project, configured as a user would for the emulator: endpoint, poll, key and secret (secret). */
export async function initEmulatorStack(project: CliProject, emulatorUrl: string): Promise<void> {
  await project.run(["stack", "init", "dev"]);
  const config = { "confluentcloud:endpoint": emulatorUrl, ...FAST_POLL };
  for (const [key, value] of Object.entries(config)) await project.run(["config", "set", key, value]);
  await project.run(["config", "set", "confluentcloud:cloudApiKey", DEFAULT_CREDENTIALS.key]);
  await project.run([
    "config",
    "set",
    "--secret",
    "confluentcloud:cloudApiSecret",
    DEFAULT_CREDENTIALS.secret,
  ]);
}

/** A program of one service in n-aaaaa1 that accepts env-bbbbb1; the same name in every stack made from it. */
export const oneServiceProgram = (options: { readyTimeoutSeconds?: number } = {}) =>
  async function program() {
    const service = new NetworkLinkService("shared-service", {
      environment: { id: "env-aaaaa1" },
      network: { id: "n-aaaaa1" },
      accept: { environments: ["env-bbbbb1"] },
      ...options,
    });
    return { service: service.id, phase: service.phase };
  };

/** An object as the emulator's admin state lists it. */
export type Wire = { id: string; status: { phase: string } };

/** Polls `get` every 50 ms until it gives a value, for up to 30 s. */
export async function until<T>(what: string, get: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The resources of a stack's state that are this package's dynamic resources. */
export function dynamicResources(state: Awaited<ReturnType<TestStack["exportState"]>>) {
  return (state.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
}
