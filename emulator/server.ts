/** `startEmulator`: builds the app and listens; what tests and the CLI start. */
import type { AddressInfo } from "node:net";
import { buildApp, type EmulatorOptions } from "./app";

export interface RunningEmulator {
  /** `http://host:port`, the base URL to give clients. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions extends EmulatorOptions {
  /** Where warnings go (default: stderr). */
  warn?: (message: string) => void;
}

const LOOPBACK_BINDS = new Set(["127.0.0.1", "localhost", "::1"]);

/** Starts the emulator on `host` (default 127.0.0.1) and `port` (default 0: a free port). */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  if (!LOOPBACK_BINDS.has(host) && !host.startsWith("127.")) {
    warn(
      `confluent-network-emulator: warning: listening on ${host} exposes the emulator beyond this machine. ` +
        (options.adminToken
          ? "Its admin API answers only requests carrying the admin token, from this machine too."
          : "Its admin API is closed; set an admin token (--admin-token) to use it."),
    );
  }
  const app = buildApp(options);
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () => app.close(),
  };
}
