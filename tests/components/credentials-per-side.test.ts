/**
 * What the components hand each child for credentials: each side's service and endpoint get that
 * side's source, each endpoint also the source of the service it checks, and a side that names none
 * leaves them out (the stack's keys).
 */
import { A, B, byName, registered, settle } from "../support/component-mocks";
import { BidirectionalNetworkLink } from "../../provider/components/bidirectional";
import { NetworkLink } from "../../provider/components/network-link";

const KEY_A = { apiKeyConfig: "teamA:cloudApiKey", apiSecretConfig: "teamA:cloudApiSecret" };
const KEY_B = { apiKeyEnv: "TEAM_B_KEY", apiSecretEnv: "TEAM_B_SECRET" };

beforeEach(() => {
  registered.length = 0;
});

describe("credentials per side", () => {
  it("gives each side's service and endpoint that side's source, and each endpoint the source of the service it checks", async () => {
    const link = new BidirectionalNetworkLink("keys", {
      a: { ...A, credentials: KEY_A },
      b: { ...B, credentials: KEY_B },
    });
    await settle([link.aService, link.bService, link.aToB, link.bToA]);
    const seen = byName("keys-");
    expect(seen["keys-a-service"].inputs.credentials).toEqual(KEY_A);
    expect(seen["keys-b-service"].inputs.credentials).toEqual(KEY_B);
    expect(seen["keys-a-to-b"].inputs.credentials).toEqual(KEY_A);
    expect(seen["keys-a-to-b"].inputs.networkLinkService).toEqual({
      id: "nls-keys-b-service",
      environment: B.environment.id,
      network: B.network.id,
      credentials: KEY_B,
    });
    expect(seen["keys-b-to-a"].inputs.credentials).toEqual(KEY_B);
    expect((seen["keys-b-to-a"].inputs.networkLinkService as { credentials: unknown }).credentials).toEqual(
      KEY_A,
    );
  });

  it("leaves the credentials out when a side names none (the stack's keys)", async () => {
    const link = new NetworkLink("plain", { origin: A, target: B });
    await settle([link.service, link.endpoint]);
    for (const child of Object.values(byName("plain-"))) expect(child.inputs.credentials).toBeUndefined();
  });
});
