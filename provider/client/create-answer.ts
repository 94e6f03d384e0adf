import { z } from "zod";
import { ApiError } from "./errors";
import { isId } from "./ids";
import { parse } from "./wire-format";

/**
 * A create answered 2xx with a body that is not the object (a gateway replaced it, or left out its
 * status): the object was made, but we may not know its ID.
 */
export class UnreadableCreateAnswer extends ApiError {
  constructor(
    operation: string,
    status: number,
    detail: string,
    requestId: string | undefined,
    /** The new object's ID, when the body still names one. */
    readonly createdId: string | undefined,
  ) {
    super(operation, status, "unexpected_response", undefined, detail, requestId, true);
  }
}

/** The error for a 2xx create answer that `schema` does not accept. */
export function unreadableCreateAnswer(
  operation: string,
  type: "service" | "endpoint",
  schema: z.ZodType,
  status: number,
  body: unknown,
  requestId: string | undefined,
): UnreadableCreateAnswer {
  const id = (body as { id?: unknown } | null)?.id;
  const createdId = isId(type, id) ? id : undefined;
  try {
    parse(operation, schema, body, requestId);
  } catch (err) {
    return new UnreadableCreateAnswer(
      operation,
      status,
      (err as ApiError).detail ?? "",
      requestId,
      createdId,
    );
  }
  return new UnreadableCreateAnswer(operation, status, "unexpected body", requestId, createdId);
}
