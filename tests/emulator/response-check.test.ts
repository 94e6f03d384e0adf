import Fastify from "fastify";
import { ResponseChecker } from "../../emulator/response-check";
import { serviceSchema, responses } from "../../emulator/routes/response-schemas";

/** The check that every other emulator test relies on: a body that breaks its route's schema is a 500 naming it. */
test("a response that breaks its declared schema becomes a 500 naming the problem; a good one passes", async () => {
  const app = Fastify();
  const checker = new ResponseChecker();
  app.addHook("onRoute", (route) => checker.attach(route));
  const good = { api_version: "networking/v1", kind: "NetworkLinkService", id: "nls-abcdef" };
  app.get("/bad", { schema: { response: responses({ 200: serviceSchema }) } }, async () => ({
    ...good,
    extra: 1,
  }));
  app.get("/status", { schema: { response: responses({ 200: { type: "object" } }) } }, async (_r, reply) =>
    reply.code(404).send({ errors: [] }),
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bad = await fetch(`${base}/bad`);
    expect(bad.status).toBe(500);
    const body = (await bad.json()) as { errors: { code: string; detail: string }[] };
    expect(body.errors[0].code).toBe("internal_error");
    expect(body.errors[0].detail).toMatch(/^The emulator's GET \/bad response broke its declared schema: /);
    // An error body with no entry breaks the error envelope's schema too.
    const status = await fetch(`${base}/status`);
    expect(status.status).toBe(500);
  } finally {
    await app.close();
  }
});
