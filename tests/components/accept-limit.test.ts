/**
 * Issue 26 item 6: a component builds each created service's accept list within the API's limit
 * (LIMITS.acceptListItems, the limit the resources' check applies): over it, the component fails
 * naming the service and the networks, and registers no service.
 */
import * as pulumi from "@pulumi/pulumi";
import { collectRejections, registered, SERVICE_TYPE, valueOf } from "../support/component-mocks";
import { acceptListProblem, planService, type Origin } from "../../provider/components/shared";
import { LIMITS } from "../../provider/lifecycle/validation";

const MAX = LIMITS.acceptListItems;
const origins = (count: number): Origin[] =>
  Array.from({ length: count }, (_, i) => ({
    label: `peer ${i}`,
    environment: "env-bbbbb1",
    network: `n-peer${i}`,
  }));

/** A component whose one child is the service planService makes for network n-aaaaa1. */
class OneService extends pulumi.ComponentResource {
  readonly service: pulumi.Resource;
  constructor(name: string, peers: Origin[]) {
    super("test:index:OneService", name);
    const plan = planService(
      { parent: this },
      `${name}-service`,
      { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } },
      pulumi.output(peers),
      { displayName: `${name}-service` },
    );
    this.service = plan.service;
  }
}

beforeEach(() => {
  registered.length = 0;
});

describe("accept lists a component builds", () => {
  it("at the API's limit: the service accepts every network", async () => {
    const component = new OneService("at", origins(MAX));
    await valueOf(component.service.urn);
    const services = registered.filter((r) => r.type === SERVICE_TYPE);
    expect(services).toHaveLength(1);
    expect((services[0].inputs.accept as { networks: string[] }).networks).toHaveLength(MAX);
  });

  it("over the limit: fails naming the service and the networks, and registers no service", async () => {
    const rejections = await collectRejections(async () => {
      const component = new OneService("over", origins(MAX + 1));
      await expect(valueOf(component.service.urn)).rejects.toThrow("the API takes at most 1000");
    });

    expect(rejections).toEqual([
      acceptListProblem(
        "over-service",
        origins(MAX + 1).map((o) => o.network),
      ),
    ]);
    expect(rejections[0]).toMatch(
      /^service 'over-service' would accept 1001 networks \(n-peer0, n-peer1, .*n-peer19, … 981 more\) in accept\.networks, and the API takes at most 1000: link fewer networks/,
    );
    expect(registered.filter((r) => r.type === SERVICE_TYPE)).toEqual([]);
  });
});

test("acceptListProblem: none at the limit; over it, the count and the first 20 networks", () => {
  expect(
    acceptListProblem(
      "s",
      origins(MAX).map((o) => o.network),
    ),
  ).toBeUndefined();
  expect(acceptListProblem("s", [])).toBeUndefined();
  const problem = acceptListProblem(
    "s",
    origins(MAX + 1).map((o) => o.network),
  );
  expect(problem).toContain("would accept 1001 networks");
  expect(problem).toContain("n-peer0, n-peer1");
  expect(problem).not.toContain("n-peer20,");
});
