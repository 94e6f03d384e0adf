/** Page tokens, list metadata and links built from the request's own host. */
import type { FastifyRequest } from "fastify";
import { Errors } from "../errors";
import type { RenderContext } from "./render";

/** Links are built from the request's own host so they lead back to this emulator. */
export function baseUrl(request: FastifyRequest): string {
  const host = /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(request.host) ? request.host : "localhost";
  return `${request.protocol}://${host}`;
}

export function renderContext(request: FastifyRequest, org: string): RenderContext {
  return { base: baseUrl(request), org };
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

export interface PageQuery {
  page_size?: number;
  page_token?: string;
}

/** Cuts one page and builds the list metadata; `next` is an absolute URL, omitted on the last page. */
export function paginate<T>(request: FastifyRequest, query: PageQuery, items: T[]) {
  const size = query.page_size ?? 10;
  const token = query.page_token;
  const offset = token === undefined || token === "" ? 0 : decodeToken(token);
  const url = new URL(request.url, baseUrl(request));
  url.searchParams.delete("page_token");
  const metadata: { first: string; total_size: number; next?: string } = {
    first: url.toString(),
    total_size: items.length,
  };
  if (offset + size < items.length) {
    url.searchParams.set("page_token", Buffer.from(`${TOKEN_PREFIX}${offset + size}`).toString("base64url"));
    metadata.next = url.toString();
  }
  return { page: items.slice(offset, offset + size), metadata };
}

export function listBody(kind: string, metadata: object, data: unknown[]) {
  return { api_version: "networking/v1", kind, metadata, data };
}
