/**
 * Issue 26 item 2: a wait looks before it gives up. After a slow first create, the waits of the kind
 * learn to save their polls until 90 % of that time; a later wait whose deadline comes sooner must
 * still poll (and in time for its request to be answered), and its timeout says what it saw last.
 * Real emulator, real client, the provider's default poll schedule.
 */
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";
import { ResourceInitError } from "../../provider/lifecycle/init-error";
import { noteSettled } from "../../provider/lifecycle/phase-waits";
import { Harness, serviceInputs, startHarness } from "../support/provider-emulator";

let h: Harness;
let services: NetworkLinkServiceProvider;
beforeAll(async () => {
  h = await startHarness();
  // The default schedule (first poll after 1 s, at most 10 s apart), not the harness's fast one.
  services = new NetworkLinkServiceProvider({ ...h.context, poll: undefined });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.reset();
  h.context.messages.length = 0;
  // A first create of the kind took 12 s in this process.
  noteSettled(h.client.http.endpoint, "service", 12_000);
});

it("a create READY after 2 s succeeds within its 5 s timeout although earlier ones took 12 s", async () => {
  await h.admin.setDelays({ serviceProvisioningMs: 2_000 });
  const started = Date.now();
  const created = await services.create(serviceInputs({ readyTimeoutSeconds: 5 }));
  expect(created.outs).toMatchObject({ phase: "READY" });
  // A learned time past the deadline says nothing about this wait: it polls as usual.
  expect(Date.now() - started).toBeLessThan(4_000);
}, 15_000);

it("a create still PROVISIONING at its deadline was looked at within the last poll gap", async () => {
  await h.admin.setDelays({ serviceProvisioningMs: 60_000 });
  const err = await services.create(serviceInputs({ readyTimeoutSeconds: 5 })).catch((e) => e);
  expect(err).toBeInstanceOf(ResourceInitError);
  const seen = /still PROVISIONING after 5s \(last seen PROVISIONING (\d+\.\d) s before the deadline\)/.exec(
    err.message,
  );
  expect(seen).not.toBeNull();
  // The default shortest gap between polls is 1 s.
  expect(Number(seen![1])).toBeLessThanOrEqual(1);
}, 15_000);
