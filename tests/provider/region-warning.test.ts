import { LinkLifecycle } from "../../provider/lifecycle/lifecycle";
import { endpointSpec } from "../../provider/lifecycle/endpoint-spec";
import { serviceSpec } from "../../provider/lifecycle/service-spec";
import {
  networkLinksNotNeeded,
  NETWORK_LINK_RETIREMENT,
  REFUSED_CREATE_HINT,
} from "../../provider/retirement";
import { Harness, ORIGIN, serviceInputs, startHarness, TARGET } from "../support/provider-emulator";

// Where cluster linking no longer needs network links, check warns before a create; it lists the
// networks of each environment once (a network the list does not hold is read by ID, once), and reads
// only for an object about to be created.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // One environment per test that counts reads: the cache lives as long as the process.
  await h.admin.seed({
    environments: [
      { id: "env-rrrrr1", networks: [{ id: "n-listed1", cloud: "AWS", region: "eu-west-2" }] },
      {
        id: "env-rrrrr2",
        networks: [
          { id: "n-unlisted1", cloud: "AWS", region: "ap-northeast-1" },
          { id: "n-azure1", cloud: "AZURE", region: "eastus" },
        ],
      },
      {
        id: "env-rrrrr3",
        networks: [
          { id: "n-listed2", cloud: "AWS", region: "us-east-1" },
          { id: "n-listed3", cloud: "AWS", region: "ap-south-1" },
        ],
      },
      { id: "env-rrrrr4", networks: [{ id: "n-listed4", cloud: "AWS", region: "us-west-2" }] },
      {
        id: "env-rrrrr5",
        networks: [
          { id: "n-queued1", cloud: "AWS", region: "ap-northeast-1" },
          { id: "n-queued2", cloud: "AWS", region: "ap-northeast-1" },
        ],
      },
      { id: "env-rrrrr6", networks: [{ id: "n-early1", cloud: "AWS", region: "eu-west-1" }] },
      { id: "env-rrrrr7", networks: [{ id: "n-mute1", cloud: "AWS", region: "us-east-2" }] },
    ],
  });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.resetCounters();
  h.context.messages.length = 0;
});

const reads = async () => {
  const byRoute = (await h.admin.counters()).byRoute;
  return {
    lists: byRoute["GET /networking/v1/networks"] ?? 0,
    byId: byRoute["GET /networking/v1/networks/:id"] ?? 0,
  };
};

const freshLifecycle = () => new LinkLifecycle(serviceSpec, h.context);

const inputs = (network: string, environment: string) =>
  serviceInputs({ environment: { id: environment }, network: { id: network } });

const warnings = () => h.context.messages.filter((m) => m.startsWith("warn: "));

describe("the region warning at check", () => {
  it("warns once, naming the network, the region and the guide, for a create in a listed region", async () => {
    const lifecycle = freshLifecycle();
    const result = await lifecycle.check({}, inputs("n-listed1", "env-rrrrr1"));
    expect(result.failures).toBeUndefined();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain("network n-listed1 is in AWS eu-west-2");
    expect(warnings()[0]).toContain(NETWORK_LINK_RETIREMENT.guide);
    expect(await reads()).toEqual({ lists: 1, byId: 0 });
  });

  it("says nothing for an unlisted region or another cloud", async () => {
    const lifecycle = freshLifecycle();
    await lifecycle.check({}, inputs("n-unlisted1", "env-rrrrr2"));
    await lifecycle.check({}, inputs("n-azure1", "env-rrrrr2"));
    expect(h.context.messages).toEqual([]);
    expect(await reads()).toEqual({ lists: 1, byId: 0 });
  });

  it("lists each environment's networks once per process, however many objects and networks", async () => {
    const lifecycle = freshLifecycle();
    for (let i = 0; i < 3; i++) await lifecycle.check({}, inputs("n-listed2", "env-rrrrr3"));
    await lifecycle.check({}, inputs("n-listed3", "env-rrrrr3"));
    expect(await reads()).toEqual({ lists: 1, byId: 0 });
    expect(warnings()).toHaveLength(4);
    expect(warnings()[3]).toContain("network n-listed3 is in AWS ap-south-1");
  });

  it("reads by ID, once, a network made after its environment was listed", async () => {
    const lifecycle = freshLifecycle();
    await lifecycle.check({}, inputs("n-early1", "env-rrrrr6"));
    await h.admin.seed({
      environments: [
        {
          id: "env-rrrrr6",
          networks: [
            { id: "n-early1", cloud: "AWS", region: "eu-west-1" },
            { id: "n-later1", cloud: "AWS", region: "eu-central-1" },
          ],
        },
      ],
    });
    await lifecycle.check({}, inputs("n-later1", "env-rrrrr6"));
    await lifecycle.check({}, inputs("n-later1", "env-rrrrr6"));
    expect(await reads()).toEqual({ lists: 1, byId: 1 });
    expect(warnings()[1]).toContain("network n-later1 is in AWS eu-central-1");
  });

  it("makes no request for an object that already exists or is adopted", async () => {
    const lifecycle = freshLifecycle();
    const old = inputs("n-listed3", "env-rrrrr3");
    await lifecycle.check({ ...old, phase: "READY" }, inputs("n-listed3", "env-rrrrr3"));
    await lifecycle.check({}, { ...inputs("n-listed3", "env-rrrrr3"), adoptExistingId: "nls-abc123" });
    expect((await h.admin.counters()).total).toBe(0);
    expect(h.context.messages).toEqual([]);
  });

  it("goes on without a warning when the network cannot be read", async () => {
    const lifecycle = freshLifecycle();
    // Unknown network (listed, then 404 by ID), and a network of another environment: no warning.
    expect((await lifecycle.check({}, inputs("n-nosuch1", "env-rrrrr1"))).failures).toBeUndefined();
    expect(
      (await lifecycle.check({}, inputs(TARGET.network.id, ORIGIN.environment.id))).failures,
    ).toBeUndefined();
    expect(h.context.messages).toEqual([]);
  });

  it("goes on without a warning, and without reads by ID, when the list fails", async () => {
    await h.admin.setFaults({ errors: { status: 503, methods: ["GET"] } });
    try {
      const lifecycle = freshLifecycle();
      expect((await lifecycle.check({}, inputs("n-mute1", "env-rrrrr7"))).failures).toBeUndefined();
      expect(h.context.messages).toEqual([]);
      expect(await reads()).toEqual({ lists: 1, byId: 0 });
    } finally {
      await h.admin.clearFaults();
    }
  });

  it("names an endpoint's service that is not created yet in words, not by the engine's placeholder", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const lifecycle = new LinkLifecycle(endpointSpec, h.context);
    await lifecycle.check(
      {},
      {
        environment: { id: "env-rrrrr4" },
        network: { id: "n-listed4" },
        networkLinkService: { id: unknown, environment: "env-aaaaa1" },
        displayName: "to-be",
      },
    );
    const warnings = h.context.messages.filter((m) => m.startsWith("warn: "));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "endpoint 'to-be' in n-listed4 to service (not created yet): network n-listed4",
    );
    expect(warnings[0]).not.toContain(unknown);
  });

  it("reads the network ahead of reads already queued under a rate limit", async () => {
    // The engine checks one resource at a time: a check's read waiting its turn behind other
    // creates' reads holds up every create after it.
    await h.admin.setFaults({ rateLimit: { requestsPerSecond: 2 } });
    try {
      const done: string[] = [];
      const queued = Array.from({ length: 6 }, (_, i) =>
        h.client.getNetwork("env-rrrrr5", "n-queued2").then(() => done.push(`read ${i}`)),
      );
      const checked = freshLifecycle()
        .check({}, inputs("n-queued1", "env-rrrrr5"))
        .then(() => done.push("check"));
      await Promise.all([...queued, checked]);
      // FIFO, the check finished last (index 6); first in the queue, behind at most the requests
      // already sent while the pacer learned the limit.
      expect(done.indexOf("check")).toBeLessThan(3);
    } finally {
      await h.admin.clearFaults();
    }
  });

  it("skips an ID not known yet at preview", async () => {
    const lifecycle = freshLifecycle();
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    await lifecycle.check({}, inputs(unknown, "env-rrrrr1"));
    expect((await h.admin.counters()).total).toBe(0);
  });
});

describe("a refused create", () => {
  afterEach(() => h.admin.clearFaults());

  // What the API answers once links are retired is not documented: any refusal points to the guide.
  it.each([400, 403, 404, 410, 422])(
    "answered %s keeps its message and adds one line pointing to the guide",
    async (status) => {
      await h.admin.setFaults({ errors: { status, methods: ["POST"] } });
      const err = (await h.services.create(serviceInputs()).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(Error);
      expect(err.message).toMatch(
        new RegExp(`creating network link service in network ${TARGET.network.id}: ${status}`),
      );
      expect(err.message.split("\n").pop()).toBe(REFUSED_CREATE_HINT);
      expect(err.message.match(/retiring-network-links/g)).toHaveLength(1);
    },
  );

  it("a slot already taken (409) gets no retirement line: its own message says what to do", async () => {
    await h.services.create(serviceInputs());
    const err = (await h.services
      .create(serviceInputs({ displayName: "second" }))
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/adoptExistingId/);
    expect(err.message).not.toContain(REFUSED_CREATE_HINT);
  });
});

describe("the region list", () => {
  it.each([
    ["AWS", "us-east-1", true],
    ["aws", "EU-CENTRAL-1", true],
    ["AWS", "ap-southeast-2", true],
    ["AWS", "ca-central-1", false],
    ["AWS", "us-west-1", false],
    ["AZURE", "us-east-1", false],
    ["GCP", "us-east1", false],
    [undefined, "us-east-1", false],
  ])("%s %s: links not needed = %s", (cloud, region, expected) => {
    expect(networkLinksNotNeeded(cloud, region)).toBe(expected);
  });

  it("holds the nine documented AWS regions", () => {
    expect([...NETWORK_LINK_RETIREMENT.awsRegionsWithoutNetworkLinks].sort()).toEqual(
      [
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "eu-central-1",
        "eu-west-1",
        "eu-west-2",
        "us-east-1",
        "us-east-2",
        "us-west-2",
      ].sort(),
    );
  });
});
