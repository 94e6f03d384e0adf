import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { Errors } from "../errors";
import type { RenderContext } from "./render";

export const ID = {
  environment: /^env-[a-z0-9]{1,250}$/,
  network: /^(n|nr)-[a-z0-9]{1,250}$/,
  service: /^nls-[a-z0-9]{1,250}$/,
  endpoint: /^nle-[a-z0-9]{1,250}$/,
};

export type Query = Record<string, string | string[] | undefined>;

export function renderContext(request: FastifyRequest, org: string): RenderContext {
  return { base: baseUrl(request), org };
}

/** Links are built from the request's own host so they lead back to this emulator. */
export function baseUrl(request: FastifyRequest): string {
  const host = /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(request.host) ? request.host : "localhost";
  return `${request.protocol}://${host}`;
}

/** Rejects query parameters the operation does not know, as the API's `invalid_filter` does. */
export function checkQuery(query: Query, allowed: readonly string[], resource: string): void {
  for (const key of Object.keys(query)) {
    if (!allowed.includes(key)) {
      throw Errors.invalid_filter(key, `The '${resource}' resource can't be filtered by '${key}'.`);
    }
  }
}

/** Values of a multi-value filter: repeated keys (Go SDK) and comma-joined values (curl samples) alike. */
export function multi(query: Query, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(",")).filter((v) => v !== "");
  return values.length > 0 ? values : undefined;
}

/** A required single-valued ID parameter such as `environment`. */
export function single(query: Query, name: string, pattern: RegExp): string {
  const raw = query[name];
  if (raw === undefined || raw === "") {
    throw Errors.bad_request(`The query parameter '${name}' is required.`, { parameter: name });
  }
  if (Array.isArray(raw))
    throw Errors.bad_request(`The query parameter '${name}' takes one value.`, { parameter: name });
  if (!pattern.test(raw)) {
    throw Errors.bad_request(`The query parameter '${name}' has an invalid ID: '${raw.slice(0, 80)}'.`, {
      parameter: name,
    });
  }
  return raw;
}

export function pathId(params: unknown, pattern: RegExp, what: string): string {
  const id = (params as { id?: string }).id ?? "";
  if (!pattern.test(id)) {
    throw Errors.bad_request(`'${id.slice(0, 80)}' is not a valid ${what} ID.`, { parameter: "id" });
  }
  return id;
}

const TOKEN_PREFIX = "o";

function decodeToken(token: string): number {
  const text = token.length <= 255 ? Buffer.from(token, "base64url").toString("utf8") : "";
  const offset = text.startsWith(TOKEN_PREFIX) ? Number(text.slice(1)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || Buffer.from(text).toString("base64url") !== token) {
    throw Errors.bad_request("The page_token is invalid or expired.", { parameter: "page_token" });
  }
  return offset;
}

function pageSize(query: Query): number {
  const raw = query.page_size;
  if (raw === undefined) return 10;
  if (Array.isArray(raw) || !/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) {
    throw Errors.bad_request("page_size must be an integer from 1 to 1000.", { parameter: "page_size" });
  }
  return Number(raw);
}

/** Cuts one page and builds the list metadata; `next` is an absolute URL, omitted on the last page. */
export function paginate<T>(request: FastifyRequest, query: Query, items: T[]) {
  const size = pageSize(query);
  const token = query.page_token;
  if (Array.isArray(token))
    throw Errors.bad_request("page_token takes one value.", { parameter: "page_token" });
  const offset = token === undefined || token === "" ? 0 : decodeToken(token);
  const url = new URL(request.url, baseUrl(request));
  url.searchParams.delete("page_token");
  const metadata: Record<string, string | number> = { first: url.toString(), total_size: items.length };
  if (offset + size < items.length) {
    url.searchParams.set("page_token", Buffer.from(`${TOKEN_PREFIX}${offset + size}`).toString("base64url"));
    metadata.next = url.toString();
  }
  return { page: items.slice(offset, offset + size), metadata };
}

export function listBody(kind: string, metadata: Record<string, string | number>, data: unknown[]) {
  return { api_version: "networking/v1", kind, metadata, data };
}

const READ_ONLY = ["api_version", "kind", "id", "metadata", "status"];

/** Spec fields a PATCH may not touch (`x-immutable` in the spec), and the wording of what it may. */
export interface Immutable {
  fields: string[];
  updatable: string;
}

/** Parses a body with a strict zod schema; the first problem becomes a 400 naming its JSON pointer. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, immutable?: Immutable): T {
  if (body === undefined || body === null) throw Errors.bad_request("A JSON request body is required.");
  if (typeof body === "object" && !Array.isArray(body)) {
    const field = READ_ONLY.find((key) => key in body);
    if (field)
      throw Errors.bad_request(`'${field}' is read-only and cannot be set.`, { pointer: `/${field}` });
    const spec = (body as { spec?: unknown }).spec;
    const fixed = spec && typeof spec === "object" ? immutable?.fields.find((key) => key in spec) : undefined;
    if (fixed) {
      throw Errors.bad_request(
        `spec.${fixed} cannot be updated; only ${immutable?.updatable} can be changed.`,
        {
          pointer: `/spec/${fixed}`,
        },
      );
    }
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let path = issue.path.map(String);
  let detail = issue.message;
  if (issue.code === "unrecognized_keys") {
    path = [...path, issue.keys[0]];
    detail = `unknown field '${issue.keys[0]}'`;
  }
  const pointer = path.length > 0 ? `/${path.join("/")}` : "";
  throw Errors.bad_request(`Invalid request body at '${pointer || "/"}': ${detail}`, { pointer });
}
