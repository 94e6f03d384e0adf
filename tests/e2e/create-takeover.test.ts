/**
 * Issue 14 through the real engine: the faults users cannot see in a demo. A second stack whose
 * create response is lost does not take the first stack's service; a 401 during the READY wait
 * leaves the ID in the state and destroy removes the object; the `up` after a timed-out wait waits
 * again; a server that echoes the request's headers never puts the secret in any output.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { createTestStack, type TestStack } from "../support/stack";
import { FAST_POLL, startE2e, type E2e } from "../support/emulator-stacks";

const serviceProgram = (options: { readyTimeoutSeconds?: number } = {}) =>
  async function program() {
    const service = new NetworkLinkService("shared-service", {
      environment: { id: "env-aaaaa1" },
      network: { id: "n-aaaaa1" },
      accept: { environments: ["env-bbbbb1"] },
      ...options,
    });
    return { service: service.id, phase: service.phase };
  };

const linkProgram = async () => {
  const service = new NetworkLinkService("target", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    accept: { environments: ["env-bbbbb1"] },
  });
  const endpoint = new NetworkLinkEndpoint("origin", {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    networkLinkService: service,
    readyTimeoutSeconds: 2,
  });
  return { endpoint: endpoint.id, phase: endpoint.phase };
};

type Wire = { id: string; status: { phase: string } };

async function until<T>(what: string, get: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function dynamicResources(state: Awaited<ReturnType<TestStack["exportState"]>>) {
  return (state.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
}

describe("issue 14 through the engine", () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());
  afterEach(async () => {
    await e2e.admin.clearFaults();
    await e2e.admin.reset();
  });

  it("a second stack whose POST gets a 503 fails with the conflict error and leaves the first stack's service alone", async () => {
    const a = await e2e.stack(serviceProgram());
    const b = await e2e.stack(serviceProgram());
    await a.up();
    const [owned] = (await e2e.admin.state()).services as Wire[];

    await e2e.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] } });
    const failed = await b.up().catch((err: Error) => err);

    expect(failed).toBeInstanceOf(Error);
    expect(String(failed)).toContain(`already has network link service ${owned.id}`);
    expect(String(failed)).toContain(`adoptExistingId: "${owned.id}"`);
    expect(dynamicResources(await b.exportState())).toEqual([]);
    await b.destroy();
    expect(((await e2e.admin.state()).services as Wire[]).map((s) => s.id)).toEqual([owned.id]);
    await a.preview({ expectNoChanges: true });
    expect(await a.outputs()).toEqual({ service: owned.id, phase: "READY" });
  });

  it("a 401 during the READY wait leaves the ID in the state, and destroy removes the object", async () => {
    await e2e.admin.setDelays({ serviceProvisioningMs: 4_000 });
    const stack = await e2e.stack(serviceProgram());
    const up = stack.up().catch((err: Error) => err);
    const created = await until(
      "the service's POST",
      async () => ((await e2e.admin.state()).services as Wire[])[0],
    );
    await e2e.admin.setFaults({ errors: { status: 401, methods: ["GET"] } });

    const failed = await up;
    await e2e.admin.clearFaults();
    expect(failed).toBeInstanceOf(Error);
    expect(String(failed)).toContain("401");
    const recorded = dynamicResources(await stack.exportState());
    expect(recorded.map((r) => r.id)).toEqual([created.id]);

    await stack.destroy();
    expect((await e2e.admin.state()).services).toEqual([]);
  });

  it("the up after a timed-out wait waits again and fails while the endpoint is not READY, then succeeds", async () => {
    const stack = await e2e.stack(linkProgram);
    const first = stack.up().catch((err: Error) => err);
    const endpoint = await until(
      "the endpoint's POST",
      async () => ((await e2e.admin.state()).endpoints as Wire[])[0],
    );
    await e2e.admin.forcePhase(endpoint.id, "PENDING_ACCEPT");
    expect(String(await first)).toContain("still PENDING_ACCEPT after 2s");

    const second = await stack.up().catch((err: Error) => err);
    expect(second).toBeInstanceOf(Error);
    expect(String(second)).toContain("still PENDING_ACCEPT after 2s");

    await e2e.admin.forcePhase(endpoint.id, null);
    const third = await stack.up();
    expect(third.summary.result).toBe("succeeded");
    expect(await stack.outputs()).toEqual({ endpoint: endpoint.id, phase: "READY" });
    await stack.preview({ expectNoChanges: true });
  });
});

describe("warnings users should see (issue 16, item 7)", () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it("preview pins the empty-accept warning on the service, and up names each object in its progress lines", async () => {
    const output: string[] = [];
    const stack = await e2e.stack(
      async () => {
        const lonely = new NetworkLinkService("lonely", {
          environment: { id: "env-aaaaa1" },
          network: { id: "n-aaaaa2" },
        });
        return { id: lonely.id };
      },
      { onOutput: (line) => output.push(line) },
    );
    await stack.preview();
    // The engine lists the warning under the resource it belongs to, not under the stack.
    expect(output.join("\n")).toMatch(
      /NetworkLinkService \(lonely\):\n\s+warning: this service accepts no environment or network/,
    );
    output.length = 0;
    await stack.up();
    const [service] = (await e2e.admin.state()).services as Wire[];
    expect(output.join("\n")).toContain(`service 'lonely' (${service.id}) in n-aaaaa2: created`);
  });
});

describe("a server that echoes the request's headers into its errors", () => {
  const KEY = "ECHOKEYE2E0000001";
  const SECRET = "echo-e2e-Secret+/9w2Lr8pK3mNqZ";
  const NEEDLES = [
    SECRET,
    Buffer.from(`${KEY}:${SECRET}`).toString("base64"),
    Buffer.from(SECRET).toString("base64"),
  ];
  let server: http.Server;
  let plainText = false;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const echo = `you sent authorization=${req.headers.authorization} ${SECRET}`;
      if (plainText) {
        res.writeHead(401, { "content-type": "text/plain" });
        res.end(echo);
      } else {
        res.writeHead(403, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ status: "403", code: "echo", detail: echo }] }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("up fails naming the call, and neither the output, the error nor the state holds the secret", async () => {
    const output: string[] = [];
    const stack = await createTestStack({
      program: serviceProgram(),
      config: {
        "confluentcloud:endpoint": `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        ...FAST_POLL,
      },
      secretConfig: { "confluentcloud:cloudApiKey": KEY, "confluentcloud:cloudApiSecret": SECRET },
      onOutput: (line) => output.push(line),
    });
    try {
      const texts: string[] = [];
      for (const mode of [false, true]) {
        plainText = mode;
        const failed = await stack.up().catch((err: Error) => err);
        expect(failed).toBeInstanceOf(Error);
        expect(String(failed)).toMatch(/(listing|creating) network link service/);
        texts.push(String(failed), JSON.stringify(failed));
      }
      texts.push(
        ...output,
        ...(await stack.stateFiles()).map((f) => f.text),
        JSON.stringify(await stack.exportState()),
      );
      expect(texts.join("\n")).toContain("[redacted]");
      expect(NEEDLES.filter((needle) => texts.some((text) => text.includes(needle)))).toEqual([]);
      expect(texts.filter((text) => /\bBasic (?!\[redacted\])/.test(text))).toEqual([]);
    } finally {
      await stack.dispose();
    }
  });
});
