/**
 * An endpoint's first wait in a process takes the services' settle time as its guess: it saves its
 * polls until near that time instead of polling from the first second (bench P1: the endpoints of a
 * link wait right after their services, and took twice the GETs of a service wait).
 * Real emulator, real client, the provider's default poll schedule.
 */
import { NetworkLinkEndpointProvider } from "../../provider/lifecycle/endpoint-spec";
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";
import { noteSettled } from "../../provider/lifecycle/phase-waits";
import { endpointInputs, Harness, serviceInputs, startHarness } from "../support/provider-emulator";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const endpointGets = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .filter(([route]) => route.startsWith("GET /networking/v1/network-link-endpoints"))
    .reduce((sum, [, count]) => sum + count, 0);

it("an endpoint READY after 6 s, with services that took 6 s here, is polled a few times near 6 s", async () => {
  // A READY service, made without a wait (so nothing is learned from it).
  await h.admin.setDelays({ serviceProvisioningMs: 0, endpointProvisioningMs: 6_000 });
  const service = await new NetworkLinkServiceProvider({ ...h.context, poll: undefined }).create(
    serviceInputs(),
  );
  noteSettled(h.client.http.endpoint, "service", 6_000);

  await h.admin.resetCounters();
  const endpoints = new NetworkLinkEndpointProvider({ ...h.context, poll: undefined });
  const created = await endpoints.create(endpointInputs(service.id));
  expect(created.outs).toMatchObject({ phase: "READY" });
  // Without the guess, the endpoint's default schedule polls from 1 s every 0.5-0.75 s: 10 or more GETs.
  expect(endpointGets((await h.admin.counters()).byRoute)).toBeLessThanOrEqual(5);
}, 30_000);
