/** Who may call the admin API: this machine on loopback, or the holder of the admin token. */
import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIPv6 } from "node:net";
import { posix } from "node:path";
import type { FastifyRequest } from "fastify";
import { Errors } from "./errors";
import { ADMIN_PREFIX } from "./routes/admin";

/**
 * The admin API can wipe and rewrite the emulator and its keys. Listening on loopback (the
 * default), it answers this machine, judged on the connection (a loopback remote address, which a
 * remote client cannot forge) and on Host and Origin (a web page on this machine reaching loopback
 * through DNS rebinding or a cross-origin request), or the admin token. Listening beyond loopback,
 * it answers the admin token only: there a loopback remote address may be a local proxy or a
 * service-mesh sidecar relaying remote clients. Forwarding headers are never read. Writes must be
 * JSON, which a cross-origin page cannot send without a CORS preflight that the emulator never grants.
 */
const LOOPBACK_NAME = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

const LOOPBACK_ADDRESSES = new BlockList();
LOOPBACK_ADDRESSES.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK_ADDRESSES.addAddress("::1", "ipv6");

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.x (`::ffff:127.0.0.1`, as a dual-stack socket reports it). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  try {
    return LOOPBACK_ADDRESSES.check(address, isIPv6(address) ? "ipv6" : "ipv4");
  } catch {
    return false;
  }
}

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1);
  const colon = hostHeader.lastIndexOf(":");
  return colon >= 0 ? hostHeader.slice(0, colon) : hostHeader;
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return hostHeader !== undefined && LOOPBACK_NAME.test(hostnameOf(hostHeader));
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_NAME.test(url.hostname);
  } catch {
    return false;
  }
}

/** One round of percent-decoding; a run that is not valid UTF-8 decodes byte by byte (Latin-1). */
function decodeOnce(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
    }
  });
}

/**
 * The path as the most lenient reader would take it: absolute-form target stripped, percent-decoded
 * until stable, backslashes as slashes, dot segments and repeated slashes resolved, no trailing
 * slash, lower case. Any spelling that could ever reach an admin handler lands on `/_emulator/…`.
 */
export function normalisedPath(url: string): string {
  let path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").split(/[?#]/)[0];
  for (let round = 0; round < 8; round++) {
    const decoded = decodeOnce(path);
    if (decoded === path) break;
    path = decoded;
  }
  const resolved = posix.normalize(`/${path.replaceAll("\\", "/")}`);
  return (resolved.length > 1 ? resolved.replace(/\/+$/, "") : resolved).toLowerCase();
}

function isUnderAdminPrefix(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === ADMIN_PREFIX || lower.startsWith(`${ADMIN_PREFIX}/`);
}

/**
 * The one judgement of what is an admin request: fastify routed it to an admin handler (the route
 * it matched, whatever the spelling of the URL), or its normalised path names the admin API.
 */
export function isAdminRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return (
    (route !== undefined && isUnderAdminPrefix(route)) || isUnderAdminPrefix(normalisedPath(request.url))
  );
}

const HEALTH = `${ADMIN_PREFIX}/health`;
const WRITES = new Set(["POST", "PUT", "PATCH"]);
const digest = (text: string) => createHash("sha256").update(text).digest();

/** From this machine: loopback connection, loopback Host, and a loopback Origin if one is sent. */
function fromThisMachine(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  return (
    isLoopbackAddress(request.socket.remoteAddress) &&
    isLoopbackHost(request.headers.host) &&
    (origin === undefined || isLoopbackOrigin(origin))
  );
}

/** Whether the server listens beyond loopback (0.0.0.0, ::, an interface's address); `inject()` does not. */
function listensBeyondLoopback(request: FastifyRequest): boolean {
  const bound = request.server.server.address();
  return typeof bound === "object" && bound !== null && !isLoopbackAddress(bound.address);
}

/**
 * The guard for admin requests (health aside): a 403 unless the request carries
 * `Authorization: Bearer <adminToken>` or, on a loopback listener, comes from this machine; a 415
 * for a non-JSON write.
 */
export function adminGuard(adminToken: string | undefined): (request: FastifyRequest) => void {
  // Digests have equal lengths, so the comparison reveals neither the token nor its length.
  const wanted = adminToken ? digest(adminToken) : undefined;
  const refusals = adminToken
    ? {
        exposed:
          "The emulator listens beyond loopback, so its admin API answers only requests carrying the admin token (Authorization: Bearer <token>).",
        loopback:
          "The admin API answers this machine (a loopback connection with a loopback Host and Origin), or requests carrying the admin token (Authorization: Bearer <token>).",
      }
    : {
        exposed:
          "The emulator listens beyond loopback, so its admin API is closed: start it with an admin token (--admin-token, adminToken) and send Authorization: Bearer <token>, or listen on 127.0.0.1.",
        loopback:
          "The admin API answers this machine only (a loopback connection with Host and Origin localhost, 127.0.0.1 or [::1]); set an admin token to reach it from elsewhere.",
      };
  const tokenGiven = (request: FastifyRequest): boolean => {
    const match = /^bearer +(\S+)$/i.exec(request.headers.authorization ?? "");
    return wanted !== undefined && match !== null && timingSafeEqual(digest(match[1]), wanted);
  };

  return (request) => {
    if (request.routeOptions.url === HEALTH) return;
    const exposed = listensBeyondLoopback(request);
    if (!tokenGiven(request) && (exposed || !fromThisMachine(request))) {
      throw Errors.user_unauthorized(exposed ? refusals.exposed : refusals.loopback);
    }
    if (WRITES.has(request.method) && !/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
      throw Errors.unsupported_media_type("Admin API writes need 'Content-Type: application/json'.");
    }
  };
}
