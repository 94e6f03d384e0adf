/**
 * `retainOnDelete` on a component reaches every service and endpoint it makes, in the options the
 * Node SDK sends for each child (seen by a resource transformation on the component, which every
 * child inherits). The Node SDK passes `protect` down but not `retainOnDelete`, so without this the
 * children would keep a retired component's links only while the engine fills the option in.
 */
import * as pulumi from "@pulumi/pulumi";
import { A, B, settle } from "../support/component-mocks";
import { BidirectionalNetworkLink } from "../../provider/components/bidirectional";
import { NetworkLinkMesh } from "../../provider/components/mesh";
import { NetworkLink } from "../../provider/components/network-link";
import { constructComponent } from "../../provider/native/components";
import { TOKENS } from "../../provider/native/schema";

const C = { environment: { id: "env-ccccc1" }, network: { id: "n-ccccc1" } };

/** Each service's and endpoint's name and the retainOnDelete it was registered with. */
function recorder() {
  const seen: Record<string, boolean | undefined> = {};
  const transformation: pulumi.ResourceTransformation = ({ type, name, opts }) => {
    if (/:NetworkLink(Service|Endpoint)$/.test(type)) seen[name] = opts.retainOnDelete;
    return undefined;
  };
  return { seen, transformation };
}

type Made = { children: pulumi.Resource[] };

const COMPONENTS: [string, (name: string, opts: pulumi.ComponentResourceOptions) => Made][] = [
  [
    "NetworkLink",
    (name, opts) => {
      const link = new NetworkLink(name, { origin: A, target: B }, opts);
      return { children: [link.service, link.endpoint] };
    },
  ],
  [
    "BidirectionalNetworkLink",
    (name, opts) => {
      const link = new BidirectionalNetworkLink(name, { a: A, b: B }, opts);
      return { children: [link.aService, link.bService, link.aToB, link.bToA] };
    },
  ],
  [
    "NetworkLinkMesh",
    (name, opts) => {
      const mesh = new NetworkLinkMesh(name, { networks: [A, B, C] }, opts);
      return { children: [...Object.values(mesh.services), ...Object.values(mesh.endpoints)] };
    },
  ],
];

const CHILD_COUNT: Record<string, number> = {
  NetworkLink: 2,
  BidirectionalNetworkLink: 4,
  NetworkLinkMesh: 9,
};

describe.each(COMPONENTS)("%s", (kind, make) => {
  it.each([true, false])("gives every child retainOnDelete: %s when the component has it", async (retain) => {
    const { seen, transformation } = recorder();
    const made = make(`${kind}-retain-${retain}`, {
      retainOnDelete: retain,
      transformations: [transformation],
    });
    await settle(made.children);
    expect(Object.keys(seen)).toHaveLength(CHILD_COUNT[kind]);
    expect(Object.values(seen)).toEqual(Array(CHILD_COUNT[kind]).fill(retain));
  });

  it("leaves it unset on the children when the component does not set it", async () => {
    const { seen, transformation } = recorder();
    const made = make(`${kind}-unset`, { transformations: [transformation] });
    await settle(made.children);
    expect(Object.keys(seen)).toHaveLength(CHILD_COUNT[kind]);
    expect(Object.values(seen).every((value) => value === undefined)).toBe(true);
  });
});

describe("native components (the provider's construct)", () => {
  const NATIVE: [string, string, Record<string, unknown>, number][] = [
    ["NetworkLink", TOKENS.networkLink, { origin: A, target: B }, 2],
    ["BidirectionalNetworkLink", TOKENS.bidirectional, { a: A, b: B }, 4],
    ["NetworkLinkMesh", TOKENS.mesh, { networks: [A, B, C] }, 9],
  ];

  it.each(NATIVE)(
    "%s passes the request's retainOnDelete to every child",
    async (kind, type, inputs, count) => {
      const { seen, transformation } = recorder();
      // construct hands the options of the request, retainOnDelete included, to constructComponent,
      // which resolves once every child is registered.
      await constructComponent(type, `native-${kind}`, inputs, {
        retainOnDelete: true,
        transformations: [transformation],
      });
      expect(Object.keys(seen)).toHaveLength(count);
      expect(Object.values(seen)).toEqual(Array(count).fill(true));
    },
  );
});
