import Ajv from "ajv";
import Fastify from "fastify";
import { ResponseChecker } from "../../emulator/response-check";
import { networkSchema, serviceSchema, responses } from "../../emulator/routes/response-schemas";
import { NETWORKS, startHarness } from "../support/emulator-api";

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

test("the networks routes' declared schema holds the spec's required fields and enums", async () => {
  const h = await startHarness();
  const served = (await h.call("GET", `${NETWORKS}/n-aaaaa1?environment=env-aaaaa1`)).body;
  await h.emulator.close();
  const validate = new Ajv({ strict: false }).compile(networkSchema);
  expect(validate(served)).toBe(true);
  const broken = (change: (body: typeof served) => void) => {
    const copy = structuredClone(served);
    change(copy);
    return validate(copy);
  };
  expect(broken((b) => delete b.spec.region)).toBe(false);
  expect(broken((b) => delete b.spec.cloud)).toBe(false);
  expect(broken((b) => (b.spec.cloud = "ORACLE"))).toBe(false);
  expect(broken((b) => (b.spec.connection_types = []))).toBe(false);
  expect(broken((b) => (b.spec.connection_types = ["VPN"]))).toBe(false);
  expect(broken((b) => delete b.status.supported_connection_types)).toBe(false);
  expect(broken((b) => (b.kind = "NetworkLinkService"))).toBe(false);
  expect(broken((b) => (b.spec.zones = ["use1-az1"]))).toBe(false);
});
