/**
 * The emulator driven by Confluent's own generated Go client for the networking API
 * (github.com/confluentinc/ccloud-sdk-go-v2/networking, the client of the Terraform provider and the
 * confluent CLI; the newest version the Go module proxy serves here that has network linking): every
 * operation the package uses, decoded by that client's models, and the API's errors decoded into its
 * Failure model. The Go program (confluent-go-client/main.go) prints what it saw; the checks are here.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { startHarness, type Harness, type Json } from "../support/emulator-api";

jest.setTimeout(300_000);

const programDir = path.join(__dirname, "confluent-go-client");
let h: Harness;
let report: Json;

beforeAll(async () => {
  h = await startHarness({
    delays: {
      serviceProvisioningMs: 300,
      endpointProvisioningMs: 300,
      deprovisioningMs: 300,
      pendingAcceptExpiryMs: 60_000,
      disconnectingMs: 0,
    },
  });
  // n-aaaaa1 in a region where links are no longer needed; two networks the list's filters leave out.
  await h.admin.seed({
    environments: [
      {
        id: "env-aaaaa1",
        networks: [
          { id: "n-aaaaa1", cloud: "AWS", region: "us-east-1", display_name: "aws-us-east-1" },
          { id: "n-aaaaa6", cloud: "GCP", region: "us-central1", connection_types: ["PEERING"] },
          { id: "n-aaaaa7", cloud: "AZURE", region: "eastus", connection_types: ["PRIVATELINK"] },
        ],
      },
    ],
  });
  // `go run` builds the client on first use (about 20 s with an empty build cache).
  const { stdout } = await promisify(execFile)("go", ["run", "."], {
    cwd: programDir,
    env: {
      ...process.env,
      EMULATOR_URL: h.emulator.url,
      EMULATOR_KEY: DEFAULT_CREDENTIALS.key,
      EMULATOR_SECRET: DEFAULT_CREDENTIALS.secret,
    },
    timeout: 280_000,
    maxBuffer: 4 * 1024 * 1024,
  });
  report = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
});
afterAll(() => h?.emulator.close());

describe("Confluent's Go client against the emulator", () => {
  test("creates a service (202) and reads it through PROVISIONING to READY", () => {
    expect(report.createService).toMatchObject({
      status: 202,
      kind: "NetworkLinkService",
      apiVersion: "networking/v1",
      phase: "PROVISIONING",
      network: "n-aaaaa1",
      environment: "env-aaaaa1",
      acceptNetworks: ["n-bbbbb1"],
      hasCreatedAt: true,
    });
    expect(report.createService.id).toMatch(/^nls-[a-z0-9]+$/);
    expect(report.createService.self).toBe(
      `${h.emulator.url}/networking/v1/network-link-services/${report.createService.id}?environment=env-aaaaa1`,
    );
    expect(report.serviceReadyPhase).toBe("READY");
  });

  test("updates the service with the client's PATCH body (spec.environment included)", () => {
    expect(report.updateService).toEqual({
      status: 200,
      description: "updated by Confluent's Go client",
      displayName: "go-client-service",
      acceptEnvironments: ["env-bbbbb1"],
    });
  });

  test("lists services filtered by network, as the client encodes the filter", () => {
    expect(report.listServices).toEqual({
      status: 200,
      kind: "NetworkLinkServiceList",
      ids: [report.createService.id],
    });
  });

  test("creates an endpoint to the service, which becomes READY, with its association", () => {
    expect(report.createEndpoint).toMatchObject({
      status: 202,
      service: report.createService.id,
      network: "n-bbbbb1",
    });
    expect(report.createEndpoint.id).toMatch(/^nle-[a-z0-9]+$/);
    expect(report.endpointReadyPhase).toBe("READY");
    expect(report.associations).toHaveLength(1);
    expect(report.associations[0]).toMatchObject({
      endpoint: report.createEndpoint.id,
      phase: "READY",
      displayName: "go-client-endpoint",
    });
    expect(report.association).toEqual({ status: 200, endpoint: report.createEndpoint.id });
    expect(report.listEndpoints).toMatchObject({ status: 200, count: 1 });
  });

  test("an endpoint from a network not accepted waits in PENDING_ACCEPT with an expiry the client decodes", () => {
    expect(report.pendingAccept).toEqual({ phase: "PENDING_ACCEPT", expiresAtInFuture: true });
  });

  test("pages of two, followed through metadata.next's page_token, list every service once", () => {
    const { pages, seen, made } = report.pages;
    expect(pages).toBe(2);
    expect([...seen].sort()).toEqual([report.createService.id, ...made].sort());
  });

  test("errors arrive as the client's Failure model with a status and a detail", () => {
    // The spec lists no 409 for DELETE, so the generated client leaves that body undecoded: the
    // envelope must still be the API's, for callers that read Body().
    expect(report.deleteServiceWithEndpoint).toMatchObject({ ok: false, status: 409, decoded: false });
    expect(JSON.parse(report.deleteServiceWithEndpoint.body).errors[0].detail).toMatch(
      new RegExp(
        `${report.createService.id} still has network link endpoints attached: ${report.createEndpoint.id}`,
      ),
    );
    expect(report.getMissingService).toMatchObject({ ok: false, status: 404, decoded: true });
    expect(report.getMissingService.detail).toMatch(/nls-zzzzzz/);
    expect(report.wrongCredentials).toMatchObject({ ok: false, status: 401, decoded: true });
  });

  test("reads a network's cloud, region and connection types into NetworkingV1Network", () => {
    expect(report.getNetwork).toEqual({
      status: 200,
      kind: "Network",
      apiVersion: "networking/v1",
      id: "n-aaaaa1",
      self: `${h.emulator.url}/networking/v1/networks/n-aaaaa1?environment=env-aaaaa1`,
      hasCreatedAt: true,
      displayName: "aws-us-east-1",
      cloud: "AWS",
      region: "us-east-1",
      connectionTypes: ["PRIVATELINK"],
      environment: "env-aaaaa1",
      phase: "READY",
      supportedConnectionTypes: ["PRIVATELINK"],
      activeConnectionTypes: ["PRIVATELINK"],
    });
  });

  test("lists networks with the client's repeated filters, two a page through metadata.next", () => {
    expect(report.listNetworks).toEqual({
      status: 200,
      kind: "NetworkList",
      pages: 3,
      totalSize: 5,
      regions: {
        "n-aaaaa1": "AWS us-east-1",
        "n-aaaaa2": "AWS ca-central-1",
        "n-aaaaa3": "AWS ca-central-1",
        "n-aaaaa4": "AWS ca-central-1",
        "n-aaaaa5": "AWS ca-central-1",
      },
    });
    expect(report.networksInUsEast1).toEqual(["n-aaaaa1"]);
    expect(report.getNetworkOfOtherEnvironment).toMatchObject({ ok: false, status: 404, decoded: true });
    expect(report.getNetworkOfOtherEnvironment.detail).toBe("The network n-bbbbb1 was not found.");
  });

  test("deletes the endpoint, then the service; each ends in 404", () => {
    expect(report.deleteEndpoint).toBe(204);
    expect(report.endpointGone).toBe(404);
    expect(report.deleteService).toBe(204);
    expect(report.serviceGone).toBe(404);
  });
});
