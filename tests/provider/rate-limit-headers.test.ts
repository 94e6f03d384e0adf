/**
 * Issue 26 item 3, through the real client: a server on 127.0.0.1 answers a key's first request with
 * hostile rate-limit headers (X-RateLimit-* on a 200, Retry-After on a 429) and every later one with a
 * plain 200. Whatever the headers say, no request waits past its own budget (no operation deadline)
 * or its operation's deadline; one whose turn only comes at its deadline is not sent at all.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import { withDeadline } from "../../provider/client/deadline";
import { ApiError } from "../../provider/client/errors";
import { NetworkingClient } from "../../provider/client/networking";

type Headers = Record<string, string>;
const HOUR_AHEAD = () => new Date(Date.now() + 3_600_000).toUTCString();
const PAST = "Wed, 21 Oct 2015 07:28:00 GMT";

// [what, status of the first answer, its headers (a function: a date is made when it is sent), whether
// the headers, read as sanely as they can be, still ask for a wait beyond the bounds below]
const rows: [string, number, () => Headers, boolean][] = [
  ["reset 1e9 with nothing left", 200, () => rl("10", "0", "1e9"), true],
  ["huge limit, nothing left, reset 1e9", 200, () => rl("1e308", "0", "1e9"), true],
  ["hugely negative remaining, limit 1", 200, () => rl("1", "-1e12"), true],
  ["negative remaining, reset 1e9", 200, () => rl("10", "-1", "1e9"), true],
  ["empty remaining, reset 30", 200, () => rl("10", "", "30"), false],
  ["non-numeric values", 200, () => rl("ten", "none", "soon"), false],
  ["HTTP-date reset, nothing left", 200, () => rl("10", "0", PAST), false],
  ["fractional values", 200, () => rl("2.5", "0.5", "0.25"), false],
  ["429, Retry-After 1e9", 429, () => ({ "retry-after": "1e9" }), false],
  [
    "429, Retry-After 59.5 s (under the client's cap, past the bounds)",
    429,
    () => ({ "retry-after": "59.5" }),
    false,
  ],
  ["429, negative Retry-After", 429, () => ({ "retry-after": "-5" }), false],
  ["429, NaN Retry-After", 429, () => ({ "retry-after": "NaN" }), false],
  ["429, empty Retry-After", 429, () => ({ "retry-after": "" }), false],
  ["429, HTTP-date Retry-After an hour ahead", 429, () => ({ "retry-after": HOUR_AHEAD() }), false],
  ["429, HTTP-date Retry-After in the past", 429, () => ({ "retry-after": PAST }), false],
  [
    "429, Retry-After and a reset of 1e9",
    429,
    () => ({ ...rl("10", "0", "1e9"), "retry-after": "30" }),
    true,
  ],
];

function rl(limit: string, remaining: string, reset?: string): Headers {
  const headers: Headers = { "x-ratelimit-limit": limit, "x-ratelimit-remaining": remaining };
  if (reset !== undefined) headers["x-ratelimit-reset"] = reset;
  return headers;
}

const BUDGET_MS = 1_000;
const DEADLINE_MS = 600;
// What a loaded machine may add to a bound; an unbounded wait is 30 s or more.
const SLACK_MS = 700;

let server: http.Server;
let url: string;
/** Per API key: the row whose first answer it gets, and how many requests it sent. */
const keys = new Map<string, { row: (typeof rows)[number]; requests: number }>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
    const key = Buffer.from(basic, "base64").toString().split(":")[0];
    const seen = keys.get(key);
    if (!seen) return res.writeHead(500).end();
    seen.requests += 1;
    const [, status, headers] = seen.row;
    const first = seen.requests === 1;
    res.writeHead(first ? status : 200, { "content-type": "application/json", ...(first ? headers() : {}) });
    res.end(first && status === 429 ? "" : JSON.stringify({ metadata: {}, data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let serial = 0;
/** A client with a key of its own (so a pacer of its own) whose first answer is the row's. */
function clientFor(row: (typeof rows)[number], totalBudgetMs: number) {
  const key = `KEY${++serial}`;
  keys.set(key, { row, requests: 0 });
  const client = new NetworkingClient({
    endpoint: url,
    apiKey: key,
    apiSecret: "not-a-secret-here",
    userAgent: "rate-limit-headers-test",
    requestTimeoutMs: 5_000,
    retry: { baseDelayMs: 10, maxDelayMs: 50, totalBudgetMs },
  });
  return { client, requests: () => keys.get(key)!.requests };
}

/** How long a call took, and what it ended with. */
async function timed(call: () => Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
  const started = Date.now();
  try {
    await call();
    return { ms: Date.now() - started };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

const list = (client: NetworkingClient) => () => client.list("service", "env-abc123");

describe.each(rows)("a server answering with %s", (...row) => {
  const held = row[3];

  it(`no request waits past its budget of ${BUDGET_MS} ms`, async () => {
    const { client } = clientFor(row, BUDGET_MS);
    const first = await timed(list(client));
    expect(first.ms).toBeLessThan(BUDGET_MS + SLACK_MS);
    if (first.error) expect(first.error).toMatchObject({ status: 429 });
    const later = await Promise.all([0, 1, 2].map(() => timed(list(client))));
    for (const { ms, error } of later) {
      // Sent once its budget is spent waiting, and answered.
      expect(error).toBeUndefined();
      expect(ms).toBeLessThan(BUDGET_MS + SLACK_MS);
      if (held) expect(ms).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    }
  });

  it(`no request waits past its operation's deadline of ${DEADLINE_MS} ms, nor is sent after it`, async () => {
    const { client, requests } = clientFor(row, 60_000);
    const inTime = () => withDeadline(Date.now() + DEADLINE_MS, list(client));
    const first = await timed(inTime);
    expect(first.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    const sentBefore = requests();
    const later = await timed(inTime);
    expect(later.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    if (held || later.error) {
      // Its turn came only at the deadline: an error that says so, and nothing sent.
      expect(later.error).toBeInstanceOf(ApiError);
      expect(later.error).toMatchObject({ status: 0, code: "out_of_time", outcomeUnknown: false });
      expect((later.error as Error).message).toContain("waited for its turn under the API's rate limit");
      expect(requests()).toBe(sentBefore);
    }
  });
});
