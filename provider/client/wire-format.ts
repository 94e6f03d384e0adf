// Between our values and the API's wire format: checked IDs, paths and page tokens.
import { z } from "zod";
import { ApiError } from "./errors";
import { checkedId, IdType } from "./ids";

// Between our values and the API's wire format: every ID is checked against its pattern before it
// goes into a path or a query, and every body is checked against its schema before we use it.

/** The path of one object; refuses anything that is not an ID of its type (`..` would address the collection). */
export function pathOf(collection: string, type: IdType, id: string): string {
  return `${collection}/${encodeURIComponent(checkedId(type, id))}`;
}

export function environmentQuery(environment: string): URLSearchParams {
  return new URLSearchParams({ environment: checkedId("environment", environment) });
}

export function toSearchParams(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // Multi-value filters repeat the key, as the Go SDK does.
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

/** The page token inside a `metadata.next` URL; undefined when there is no further page. */
export function nextPageToken(next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  try {
    return new URL(next, "https://placeholder.invalid").searchParams.get("page_token") || undefined;
  } catch {
    return undefined;
  }
}

/** The body as its schema says, or an error naming the operation and the first mismatch. */
export function parse<S extends z.ZodType>(
  operation: string,
  schema: S,
  body: unknown,
  requestId: string | undefined,
): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unexpected body";
  throw new ApiError({
    operation,
    status: 200,
    code: "unexpected_response",
    detail: `the API's response did not have the expected shape (${where})`,
    requestId,
  });
}
