import type { FastifyReply, FastifyRequest } from "fastify";
import type { Faults } from "../faults";

/**
 * Answers a create with 202, the full body and a Location header. With the `dropCreateResponses`
 * fault the resource stays created but the socket dies unanswered, as after a network failure.
 */
export function answerCreate(
  request: FastifyRequest,
  reply: FastifyReply,
  faults: Faults,
  body: { metadata: { self: string } },
): FastifyReply | undefined {
  if (faults.takeDropCreate()) {
    reply.hijack();
    request.raw.socket?.destroy();
    return undefined;
  }
  return reply.code(202).header("location", body.metadata.self).send(body);
}
