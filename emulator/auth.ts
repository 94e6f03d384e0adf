/** Authentication of the networking API: API keys and bearer tokens, each optionally limited to environments. */
import { timingSafeEqual } from "node:crypto";
import { Errors } from "./errors";

/**
 * Who may call the networking API: Cloud API keys (HTTP Basic) and OAuth bearer tokens, as the
 * spec's two security schemes allow on every operation; each optionally limited to environments.
 */
export type Credential =
  { key: string; secret: string; environments?: string[] } | { token: string; environments?: string[] };

/** The caller of one request; `environments` undefined means every environment. */
export interface Principal {
  name: string;
  environments?: ReadonlySet<string>;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Auth schemes are case-insensitive (RFC 9110 §11.1): `basic` and `BEARER` are fine. */
function parseAuthorization(header: string | undefined): { scheme: string; value: string } | undefined {
  const match = header ? /^([A-Za-z]+) +(\S+) *$/.exec(header) : null;
  return match ? { scheme: match[1].toLowerCase(), value: match[2] } : undefined;
}

export class Authenticator {
  private credentials: Credential[];

  constructor(credentials: Credential[]) {
    this.credentials = [...credentials];
  }

  replace(credentials: Credential[]): void {
    this.credentials = [...credentials];
  }

  /** Keys and tokens without their secrets, for the admin API. */
  describe(): { key?: string; token?: true; environments: string[] | null }[] {
    return this.credentials.map((c) =>
      "key" in c
        ? { key: c.key, environments: c.environments ?? null }
        : { token: true as const, environments: c.environments ?? null },
    );
  }

  /** The caller, or a 401 with the API's WWW-Authenticate header. */
  authenticate(header: string | undefined): Principal {
    const auth = parseAuthorization(header);
    const found = auth ? this.match(auth.scheme, auth.value) : undefined;
    if (!found) throw Errors.user_unauthenticated();
    return {
      name: "key" in found ? found.key : "bearer token",
      environments: found.environments ? new Set(found.environments) : undefined,
    };
  }

  private match(scheme: string, value: string): Credential | undefined {
    if (scheme === "bearer") {
      return this.credentials.find((c) => "token" in c && same(c.token, value));
    }
    if (scheme !== "basic") return undefined;
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    const key = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    return this.credentials.find((c) => "key" in c && c.key === key && same(c.secret, secret));
  }
}

/** A 403 in the API's envelope when the caller's key is limited to other environments. */
export function requireEnvironmentAccess(principal: Principal | undefined, env: string): void {
  if (!principal?.environments || principal.environments.has(env)) return;
  throw Errors.user_unauthorized(
    `The API key ${principal.name} is not authorized for environment ${env}; it is limited to ${[
      ...principal.environments,
    ].join(", ")}.`,
  );
}
