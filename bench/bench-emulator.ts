/**
 * The emulator of a suite run and the stacks that talk to it: each benchmark starts from a fresh
 * emulator state with its delays, counts the requests of one operation, and creates stacks whose
 * engine output is kept for the error message of a failed run.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import {
  DEFAULT_CREDENTIALS,
  DEFAULT_SEED,
  EmulatorAdmin,
  startEmulator,
  type CounterSnapshot,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { POLL_CONFIG_KEYS } from "../provider/runtime";
import { createTestStack, type TestStack } from "../harness/stack";
import type { PollConfig } from "./sizes";

/** Five networks (the default seed has four): env-ccccc1/n-ccccc1 added. */
const EXTRA_ENVIRONMENT = { id: "env-ccccc1", networks: [{ id: "n-ccccc1" }, { id: "n-ccccc2" }] };

/** A poll schedule as the stack config keys of provider/runtime. */
export function pollConfig(poll: PollConfig): Record<string, string> {
  const config: Record<string, string> = { [POLL_CONFIG_KEYS.initialDelayMs]: String(poll.initialDelayMs) };
  if (poll.maxDelayMs !== undefined) config[POLL_CONFIG_KEYS.maxDelayMs] = String(poll.maxDelayMs);
  if (poll.fixedIntervalMs !== undefined)
    config[POLL_CONFIG_KEYS.fixedIntervalMs] = String(poll.fixedIntervalMs);
  return config;
}

/** The engine's error lines of a failed operation (or the error's first line), for the results. */
export function failure(err: unknown, recent: string[]): string {
  const message = err instanceof Error ? err.message : String(err);
  const errorLines = [...new Set(recent.filter((line) => /error:/i.test(line)).map((line) => line.trim()))];
  return (errorLines.length > 0 ? errorLines.slice(-3) : [message.split("\n")[0]]).join(" | ").slice(0, 600);
}

export class BenchEmulator {
  /** The engine's output of the operation in progress. */
  private recent: string[] = [];
  readonly admin: EmulatorAdmin;

  private constructor(
    private readonly emulator: RunningEmulator,
    private readonly deprovisioningMs: number,
  ) {
    this.admin = new EmulatorAdmin(emulator.url);
  }

  static async start(deprovisioningMs: number): Promise<BenchEmulator> {
    const emulator = await startEmulator({
      seed: { ...DEFAULT_SEED, environments: [...DEFAULT_SEED.environments, EXTRA_ENVIRONMENT] },
      delays: { deprovisioningMs },
      logger: process.env.BENCH_EMULATOR_LOG === "1",
    });
    return new BenchEmulator(emulator, deprovisioningMs);
  }

  newStack(program: PulumiFn, poll: PollConfig): Promise<TestStack> {
    return createTestStack({
      program,
      config: { "confluentcloud:endpoint": this.emulator.url, ...pollConfig(poll) },
      secretConfig: {
        "confluentcloud:cloudApiKey": DEFAULT_CREDENTIALS.key,
        "confluentcloud:cloudApiSecret": DEFAULT_CREDENTIALS.secret,
      },
      onOutput: (line) => {
        this.recent.push(line);
        if (this.recent.length > 40) this.recent = this.recent.slice(-40);
      },
    });
  }

  /** Forgets the engine output seen so far: a new operation starts. */
  clearOutput(): void {
    this.recent = [];
  }

  failure(err: unknown): string {
    return failure(err, this.recent);
  }

  async readyCount(): Promise<number> {
    const state = await this.admin.state();
    const phases = [...state.services, ...state.endpoints].map(
      (r) => (r as { status: { phase: string } }).status.phase,
    );
    return phases.filter((phase) => phase === "READY").length;
  }

  /** An empty emulator (seed kept) provisioning everything in `delaySeconds`. */
  async fresh(delaySeconds: number): Promise<void> {
    await this.admin.reset({ keepSeed: true });
    await this.admin.setDelays({
      serviceProvisioningMs: delaySeconds * 1000,
      endpointProvisioningMs: delaySeconds * 1000,
      deprovisioningMs: this.deprovisioningMs,
    });
  }

  async counted<R>(operation: () => Promise<R>): Promise<{ value: R; counters: CounterSnapshot }> {
    await this.admin.resetCounters();
    const value = await operation();
    return { value, counters: await this.admin.counters() };
  }

  close(): Promise<void> {
    return this.emulator.close();
  }
}
