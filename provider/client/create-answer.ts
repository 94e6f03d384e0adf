// A create answered 2xx whose body is not the object: it was made, and its ID may be unknown.
import { z } from "zod";
import { ApiError } from "./errors";
import { isId } from "./ids";
import { parse } from "./wire-format";

/**
 * A create answered 2xx with a body that is not the object (a gateway replaced it, or left out its
 * status): the object was made, but we may not know its ID.
 */
export class UnreadableCreateAnswer extends ApiError {
  /** The new object's ID, when the body still names one. */
  readonly createdId: string | undefined;

  constructor(fields: {
    operation: string;
    status: number;
    detail: string;
    requestId?: string;
    createdId?: string;
  }) {
    const { createdId, ...rest } = fields;
    super({ ...rest, code: "unexpected_response", outcomeUnknown: true });
    this.createdId = createdId;
  }
}

/** What a create's 2xx answer was, for an UnreadableCreateAnswer. */
export interface CreateAnswer {
  operation: string;
  type: "service" | "endpoint";
  schema: z.ZodType;
  status: number;
  body: unknown;
  requestId?: string;
}

/** The error for a 2xx create answer that `schema` does not accept. */
export function unreadableCreateAnswer(answer: CreateAnswer): UnreadableCreateAnswer {
  const { operation, type, schema, status, body, requestId } = answer;
  const id = (body as { id?: unknown } | null)?.id;
  const createdId = isId(type, id) ? id : undefined;
  let detail = "unexpected body";
  try {
    parse(operation, schema, body, requestId);
  } catch (err) {
    detail = (err as ApiError).detail ?? "";
  }
  return new UnreadableCreateAnswer({ operation, status, detail, requestId, createdId });
}
