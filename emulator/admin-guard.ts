import type { FastifyRequest } from "fastify";
import { timingSafeEqual } from "node:crypto";
import { Errors } from "./errors";

/**
 * The admin API can wipe and rewrite the emulator, so a web page must not reach it: a request
 * whose Host or Origin is not loopback is refused (DNS rebinding, cross-origin pages) unless it
 * carries the configured admin token, and writes must be JSON, which a cross-origin page cannot
 * send without a CORS preflight that the emulator never grants.
 */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1);
  const colon = hostHeader.lastIndexOf(":");
  return colon >= 0 ? hostHeader.slice(0, colon) : hostHeader;
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return hostHeader !== undefined && LOOPBACK.test(hostnameOf(hostHeader));
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK.test(url.hostname);
  } catch {
    return false;
  }
}

function tokenGiven(request: FastifyRequest, adminToken: string): boolean {
  const header = request.headers.authorization;
  const match = header ? /^bearer +(\S+)$/i.exec(header) : null;
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(adminToken);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

const WRITES = new Set(["POST", "PUT", "PATCH"]);

export function guardAdminRequest(request: FastifyRequest, adminToken: string | undefined): void {
  const origin = request.headers.origin;
  const local = isLoopbackHost(request.headers.host) && (origin === undefined || isLoopbackOrigin(origin));
  if (!local && !(adminToken && tokenGiven(request, adminToken))) {
    throw Errors.user_unauthorized(
      adminToken
        ? "The admin API answers loopback requests, or requests carrying the admin token (Authorization: Bearer <token>)."
        : "The admin API answers loopback requests only (Host and Origin must be localhost, 127.0.0.1 or [::1]); set an admin token to reach it from elsewhere.",
    );
  }
  if (WRITES.has(request.method) && !/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
    throw Errors.unsupported_media_type("Admin API writes need 'Content-Type: application/json'.");
  }
}
