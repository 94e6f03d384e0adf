/**
 * A gateway that echoes the request's headers into its error must not put the credentials
 * into any message. A tiny stand-in server answers every request with the headers it received, in
 * each shape the client reads an error from.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import { NetworkingClient } from "../../provider/client/networking";
import { redactor } from "../../provider/client/redaction";

const KEY = "ECHOKEY0123456789";
const SECRET = "echo+Secret/Value=with+base64/chars0123456789abcdefghijkl";
const basic = Buffer.from(`${KEY}:${SECRET}`).toString("base64");

type Shape = (headers: string) => { status: number; type: string; body: string };
const shapes: [string, Shape][] = [
  [
    "envelope detail",
    (h) => ({ status: 400, type: "application/json", body: JSON.stringify({ errors: [{ detail: h }] }) }),
  ],
  [
    "envelope title only",
    (h) => ({ status: 403, type: "application/json", body: JSON.stringify({ errors: [{ title: h }] }) }),
  ],
  ["message field", (h) => ({ status: 401, type: "application/json", body: JSON.stringify({ message: h }) })],
  ["plain text 502", (h) => ({ status: 502, type: "text/plain", body: `bad gateway; you sent ${h}` })],
  [
    "html 500 longer than 300 chars",
    (h) => ({ status: 500, type: "text/html", body: `<p>${"x".repeat(250)}</p>${h}` }),
  ],
  [
    "JSON without the envelope",
    (h) => ({ status: 422, type: "application/json", body: JSON.stringify({ echo: h }) }),
  ],
];

let server: http.Server;
let url: string;
let current: Shape = shapes[0][1];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const echoed = `authorization=${req.headers.authorization} secret-b64=${Buffer.from(SECRET).toString("base64")} raw=${SECRET} bearer=Bearer abc.def.ghi`;
    const reply = current(echoed);
    res.writeHead(reply.status, { "content-type": reply.type });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function client() {
  return new NetworkingClient({
    endpoint: url,
    apiKey: KEY,
    apiSecret: SECRET,
    userAgent: "redaction-test",
    retry: { limit: 0, baseDelayMs: 1, maxDelayMs: 1, totalBudgetMs: 1 },
  });
}

function expectClean(text: string) {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(basic);
  expect(text).not.toContain(Buffer.from(SECRET).toString("base64"));
  expect(text).not.toMatch(/\b(Basic|Bearer) (?!\[redacted\])/);
}

describe.each(shapes)("a server echoing the request headers as %s", (_name, shape) => {
  it("gives an error that names the call and carries no credential", async () => {
    current = shape;
    const err = await client()
      .read("service", "env-abc123", "nls-abc123")
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain("reading network link service nls-abc123");
    expectClean((err as Error).message);
    expectClean(JSON.stringify(err));
  });
});

describe("redactor", () => {
  const redact = redactor(KEY, SECRET);
  it.each([
    ["the secret", `x ${SECRET} y`],
    ["base64 of key:secret", `x ${basic} y`],
    ["base64 of the secret", `x ${Buffer.from(SECRET).toString("base64")} y`],
    ["base64url of key:secret", `x ${Buffer.from(`${KEY}:${SECRET}`).toString("base64url")} y`],
    ["the URL-encoded secret", `x ${encodeURIComponent(SECRET)} y`],
    ["any Basic token", "auth: Basic Zm9vOmJhcg=="],
    ["any Bearer token", "auth: bearer eyJhbGciOi.J9.x"],
  ])("removes %s", (_name, text) => {
    const out = redact(text);
    expectClean(out);
    expect(out).toContain("[redacted]");
  });

  it("leaves other text alone", () => {
    expect(redact("network n-abc123 not found")).toBe("network n-abc123 not found");
  });
});
