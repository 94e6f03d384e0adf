// Text that comes from outside (a server's error body, an object's status message, an input value)
// may hold what must never be shown: a gateway can echo the request's Authorization header, and a
// user can mark an input secret although the provider receives it in plain text.

export type Redact = (text: string) => string;

const REDACTED = "[redacted]";
// Any credential in an Authorization-like form, whoever's it is.
const AUTH_TOKEN = /\b(Basic|Bearer)(\s+)[A-Za-z0-9._~+/=-]+/gi;

/** Removes the secret, its base64 and URL-encoded forms, and any `Basic|Bearer <token>` from a text. */
export function redactor(apiKey: string, apiSecret: string): Redact {
  const b64 = (s: string) => [Buffer.from(s).toString("base64"), Buffer.from(s).toString("base64url")];
  const forms = apiSecret
    ? [
        ...b64(`${apiKey}:${apiSecret}`),
        ...b64(apiSecret),
        ...b64(apiSecret).map((s) => s.replace(/=+$/, "")),
        encodeURIComponent(apiSecret),
        apiSecret,
      ]
    : [];
  // Longest first, so that a form containing another is removed whole.
  const unique = [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of unique) out = out.split(form).join(REDACTED);
    return out.replace(AUTH_TOKEN, `$1$2${REDACTED}`);
  };
}

const QUOTABLE = /^[A-Za-z]{1,5}-[A-Za-z0-9]{0,40}$/;

/**
 * `, got '<value>'` for a short value shaped like an ID (which shows a wrong prefix at a glance), else
 * "". Anything else may be secret (the provider cannot tell: the engine unwraps secrets for it) or
 * huge, so it is never quoted.
 */
export function gotValue(value: unknown): string {
  return typeof value === "string" && QUOTABLE.test(value) ? `, got '${value}'` : "";
}

/** `'<name>'` for a display name short enough to quote in a progress line, else "". */
export function quotedName(name: unknown): string {
  return typeof name === "string" && name.length > 0 && name.length <= 64 && !/[\r\n]/.test(name)
    ? `'${name}'`
    : "";
}

/** An object's status message is the server's text too: it may echo what the server was sent. */
export function redactStatus<T>(object: T, redact: Redact): T {
  const status = (object as { status?: { error_message?: string | null; error_code?: string | null } })
    .status;
  if (status?.error_message) status.error_message = redact(status.error_message);
  if (status?.error_code) status.error_code = redact(status.error_code);
  return object;
}
