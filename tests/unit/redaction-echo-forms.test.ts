/**
 * Issue 26 item 5: a gateway may echo the credentials in any encoding. For each of the echo forms
 * below, in each shape of error body, the message the user sees holds neither the secret nor any 8
 * characters in a row of the form that was echoed; nor does any cut of a form 8 characters or longer.
 * Through the real client, against a server on 127.0.0.1 that echoes the form in its body.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import { NetworkingClient } from "../../provider/client/networking";
import { redactor } from "../../provider/client/redaction";

const KEY = "FORMSKEY7Q2W4E6R";
// Random-looking, with every character that an encoding changes (+ / =).
const SECRET = "q7+Zr/W9=kP2+xL8/mN4vB6+tY1/hJ3=cX5+gD0/sF8=";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const b64url = (s: string) => Buffer.from(s).toString("base64url");
const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, "0");
const eachSpecial = (s: string, f: (c: string) => string) => s.replace(/[^A-Za-z0-9]/g, f);

// [what, the text a gateway echoes]
const FORMS: [string, string][] = [
  ["the secret as is", SECRET],
  ["base64 of key:secret cut at 48 characters", b64(`${KEY}:${SECRET}`).slice(0, 48)],
  ["the secret percent-encoded in lower-case hex", eachSpecial(SECRET, (c) => `%${hex(c)}`)],
  ["the secret JSON-escaped with \\u002b", eachSpecial(SECRET, (c) => `\\u00${hex(c)}`)],
  ["base64 of the secret", b64(SECRET)],
  ["base64url of key:secret", b64url(`${KEY}:${SECRET}`)],
  ["the secret percent-encoded in upper case", encodeURIComponent(SECRET)],
  ["the secret as HTML decimal entities", eachSpecial(SECRET, (c) => `&#${c.charCodeAt(0)};`)],
  ["the secret as HTML hex entities", eachSpecial(SECRET, (c) => `&#x${hex(c)};`)],
  [
    "the secret JSON-escaped in upper case, with \\/",
    SECRET.replace(/\//g, "\\/").replace(/[+=]/g, (c) => `\\u00${hex(c).toUpperCase()}`),
  ],
  ["the secret percent-encoded twice", encodeURIComponent(encodeURIComponent(SECRET))],
  ["base64 of the secret at byte offset 1 of a longer string", b64(`x${SECRET}yz`)],
  ["base64url of the secret at byte offset 2 of a longer string", b64url(`xy${SECRET}z`)],
  // Beyond the 13: other forms the same encodings take.
  ["HTML named entities", SECRET.replace(/\+/g, "&plus;").replace(/\//g, "&sol;").replace(/=/g, "&equals;")],
  ["partly percent-encoded (only the +)", SECRET.replace(/\+/g, "%2b")],
  ["base64url of the secret", b64url(SECRET)],
  ["base64 of key:secret", b64(`${KEY}:${SECRET}`)],
];

/** Every 8 characters in a row of the secret and of the echoed form. */
function windows(form: string): string[] {
  const out = new Set<string>();
  for (const s of [SECRET, form]) for (let i = 0; i + 8 <= s.length; i++) out.add(s.slice(i, i + 8));
  return [...out];
}

function expectNoPart(text: string, form: string) {
  const leaked = windows(form).filter((w) => text.includes(w));
  expect(leaked).toEqual([]);
}

type Shape = (echo: string) => { status: number; type: string; body: string };
const SHAPES: [string, Shape][] = [
  ["envelope detail", (e) => json(400, { errors: [{ detail: `you sent ${e}` }] })],
  ["envelope title", (e) => json(403, { errors: [{ title: `you sent ${e}` }] })],
  ["message field", (e) => json(401, { message: `you sent ${e}` })],
  ["JSON without the envelope", (e) => json(422, { echo: e })],
  ["plain text", (e) => ({ status: 502, type: "text/plain", body: `bad gateway; you sent ${e}\nmore` })],
  ["HTML title", (e) => ({ status: 500, type: "text/html", body: `<title>sent ${e}</title><p>${e}</p>` })],
];
function json(status: number, body: object) {
  return { status, type: "application/json", body: JSON.stringify(body) };
}

let server: http.Server;
let url: string;
let reply: { status: number; type: string; body: string };
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(reply.status, { "content-type": reply.type });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const client = () =>
  new NetworkingClient({
    endpoint: url,
    apiKey: KEY,
    apiSecret: SECRET,
    userAgent: "echo-forms-test",
    retry: { limit: 0, baseDelayMs: 1, maxDelayMs: 1, totalBudgetMs: 1 },
  });

describe.each(FORMS)("a gateway echoing %s", (_what, form) => {
  it.each(SHAPES)("in a %s: the error shows none of it", async (_shape, shape) => {
    reply = shape(form);
    const err = await client()
      .read("service", "env-abc123", "nls-abc123")
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain("reading network link service nls-abc123");
    expectNoPart((err as Error).message, form);
    expectNoPart(JSON.stringify(err), form);
  });

  it("any cut of it 8 characters or longer is removed too", () => {
    const redact = redactor(KEY, SECRET);
    for (let length = 8; length <= form.length; length++) {
      const cutForm = form.slice(0, length);
      const out = redact(`before ${cutForm} after`);
      const leaked = windows(cutForm).filter((w) => out.includes(w));
      expect({ length, leaked }).toEqual({ length, leaked: [] });
    }
  });
});

describe("what is left alone", () => {
  const redact = redactor(KEY, SECRET);
  it.each([
    "network n-abc123 not found",
    "environment env-abc123 has 20 network links, the limit; delete one first",
    "a+b=c and x/y, encoded %2B%2F%3D, &#43; \\u002b &plus;",
    `the key ${KEY} is not valid`,
  ])("%j", (text) => {
    expect(redact(text)).toBe(text);
  });
});
