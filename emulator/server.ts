import type { AddressInfo } from "node:net";
import { buildApp, type EmulatorOptions } from "./app";

export interface RunningEmulator {
  /** `http://host:port`, the base URL to give clients. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the emulator on `host` (default 127.0.0.1) and `port` (default 0: a free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const app = buildApp(options);
  const host = options.host ?? "127.0.0.1";
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () => app.close(),
  };
}
