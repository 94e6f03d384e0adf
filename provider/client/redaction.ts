// Text that comes from outside (a server's error body, an object's status message, an input value)
// may hold what must never be shown: a gateway can echo the request's Authorization header, and a
// user can mark an input secret although the provider receives it in plain text.

import { base64Forms, echoFinder } from "./echo-forms";

export type Redact = (text: string) => string;

const REDACTED = "[redacted]";
// Any credential in an Authorization-like form, whoever's it is.
const AUTH_TOKEN = /\b(Basic|Bearer)(\s+)[A-Za-z0-9._~+/=-]+/gi;

/**
 * Removes the secret in every form a gateway may echo it in (see echo-forms.ts: as is, percent-,
 * JSON- or HTML-encoded, in base64 or base64url alone or in key:secret, and any cut of these that
 * shows part of it), and any `Basic|Bearer <token>`, from a text.
 */
export function redactor(apiKey: string, apiSecret: string): Redact {
  const find = apiSecret ? echoFinder([apiSecret], base64Forms(apiKey, apiSecret)) : undefined;
  return (text) => {
    let out = text;
    // From the end, so that the spans found still point where they did.
    for (const [start, end] of [...(find?.(text) ?? [])].reverse())
      out = `${out.slice(0, start)}${REDACTED}${out.slice(end)}`;
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
