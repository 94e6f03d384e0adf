/**
 * The classes' statics: a resource's `get` reads an object of the class it is called on (with only
 * what the read needs), and `isInstance` is true for that kind only, for a resource also for an object
 * of another copy of the package (same type token), and for each component.
 */
import { A, B, ENDPOINT_TYPE, registered, settle, SERVICE_TYPE } from "../support/component-mocks";
import { BidirectionalNetworkLink } from "../../provider/components/bidirectional";
import { NetworkLinkMesh } from "../../provider/components/mesh";
import { NetworkLink } from "../../provider/components/network-link";
import { NetworkLinkEndpoint } from "../../provider/resources/endpoint";
import { NetworkLinkService } from "../../provider/resources/service";

const ENV = { environment: { id: "env-aaaaa1" } };
const SIDE = { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa2" } };

beforeEach(() => {
  registered.length = 0;
});

describe("get", () => {
  it("registers a read of the kind it is called on, with only the environment and credentials as inputs", async () => {
    const credentials = { apiKeyEnv: "THEIR_KEY", apiSecretEnv: "THEIR_SECRET" };
    const service = NetworkLinkService.get("their-service", "nls-x1y2z3", { ...ENV, credentials });
    const endpoint = NetworkLinkEndpoint.get("their-endpoint", "nle-x1y2z3", ENV);
    await settle([service, endpoint]);
    expect(service).toBeInstanceOf(NetworkLinkService);
    expect(endpoint).toBeInstanceOf(NetworkLinkEndpoint);
    const seen = registered
      .map((r) => [r.type, r.name, r.inputs])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(seen).toEqual([
      [ENDPOINT_TYPE, "their-endpoint", { environment: ENV.environment }],
      [SERVICE_TYPE, "their-service", { environment: ENV.environment, credentials }],
    ]);
  });
});

describe("isInstance", () => {
  it("is true only for the class's own kind, also across copies of the package", async () => {
    const service = new NetworkLinkService("s", SIDE);
    const endpoint = new NetworkLinkEndpoint("e", { ...SIDE, networkLinkService: service });
    const read = NetworkLinkEndpoint.get("r", "nle-x1y2z3", ENV);
    await settle([service, endpoint, read]);
    const objects = [
      service,
      endpoint,
      read,
      { __pulumiType: SERVICE_TYPE },
      { __pulumiType: ENDPOINT_TYPE },
      { __pulumiType: "other" },
      undefined,
    ];
    const table = objects.map((obj) => [
      NetworkLinkService.isInstance(obj),
      NetworkLinkEndpoint.isInstance(obj),
    ]);
    expect(table).toEqual([
      [true, false],
      [false, true],
      [false, true],
      [true, false],
      [false, true],
      [false, false],
      [false, false],
    ]);
  });

  it("is true for a component of its own type only", async () => {
    const one = new NetworkLink("i1", { origin: A, target: B });
    const pair = new BidirectionalNetworkLink("i2", { a: A, b: B });
    const mesh = new NetworkLinkMesh("i3", { networks: [A, B] });
    await settle([one.endpoint, pair.aToB, ...Object.values(mesh.endpoints)]);
    const table = [one, pair, mesh, one.service, { __pulumiType: "other" }, undefined].map((obj) => [
      NetworkLink.isInstance(obj),
      BidirectionalNetworkLink.isInstance(obj),
      NetworkLinkMesh.isInstance(obj),
    ]);
    expect(table).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
      [false, false, false],
      [false, false, false],
      [false, false, false],
    ]);
  });
});
