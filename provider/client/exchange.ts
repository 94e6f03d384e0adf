// One call of the API, parsed and redacted, or one list through all its pages; each answer's Date
// header tells the server's clock.
import { z } from "zod";
import { ApiError } from "./errors";
import { HttpClient } from "./http";
import type { Urgency } from "./pacer";
import { redactStatus } from "./redaction";
import { listSchema } from "./schemas";
import { serverClock } from "./server-clock";
import { nextPageToken, parse, toSearchParams } from "./wire-format";

const PAGE_SIZE = 100;
// A server that keeps handing out `next` links must not keep us here forever.
const MAX_PAGES = 1000;

/** One request; its answer parsed with `schema` and redacted. */
export async function send<S extends z.ZodType>(
  http: HttpClient,
  operation: string,
  schema: S,
  method: "GET" | "POST" | "PATCH",
  path: string,
  options: { searchParams?: URLSearchParams; json?: object; urgency?: Urgency; once?: boolean },
): Promise<z.infer<S>> {
  let sent = Date.now();
  const response = await http.request<unknown>(operation, method, path, {
    ...options,
    onSent: () => (sent = Date.now()),
  });
  serverClock(http.endpoint).observeDate(response.date, sent, Date.now());
  return redactStatus(parse(operation, schema, response.body, response.requestId), http.redact);
}

/** Every item of a list, through all its pages. */
export async function listAll<S extends z.ZodType>(
  http: HttpClient,
  operation: string,
  path: string,
  item: S,
  how: { onSent?: () => void; urgency?: () => Urgency; once?: boolean },
  query: Record<string, string | string[] | undefined>,
): Promise<z.infer<S>[]> {
  const schema = listSchema(item);
  const items: z.infer<S>[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const searchParams = toSearchParams(query);
    searchParams.set("page_size", String(PAGE_SIZE));
    if (pageToken) searchParams.set("page_token", pageToken);
    // Only the first page says when the list left: the later pages are read later still.
    let sent = Date.now();
    const response = await http.request<unknown>(operation, "GET", path, {
      searchParams,
      onSent: () => {
        sent = Date.now();
        if (page === 0) how.onSent?.();
      },
      urgency: how.urgency,
      once: how.once,
    });
    serverClock(http.endpoint).observeDate(response.date, sent, Date.now());
    const list = parse(operation, schema, response.body, response.requestId);
    items.push(...(list.data as z.infer<S>[]).map((item) => redactStatus(item, http.redact)));
    pageToken = nextPageToken(list.metadata.next);
    if (!pageToken) return items;
  }
  throw new ApiError({
    operation,
    status: 200,
    code: "too_many_pages",
    detail: `the API returned more than ${MAX_PAGES} pages`,
  });
}
