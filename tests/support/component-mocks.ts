/**
 * Pulumi mocks for the component tests: every registered resource is recorded (type, name, inputs,
 * parent type from the URN) and a dynamic resource comes back READY with its inputs as outputs.
 * Import this before any component, in its own test file (the mocks are process-wide settings).
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
}

export const registered: Registered[] = [];

/** Phase each mocked service/endpoint reports, by resource name; default READY. */
export const phaseOverrides = new Map<string, string>();

export const SERVICE_TYPE = "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkService";
export const ENDPOINT_TYPE = "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkEndpoint";

pulumi.runtime.setMocks(
  {
    newResource(args) {
      const inputs = { ...(args.inputs as Record<string, unknown>) };
      delete inputs.__provider;
      registered.push({ type: args.type, name: args.name, custom: !!args.custom, inputs });
      const dynamic = args.type.startsWith("pulumi-nodejs:dynamic/");
      return {
        id: dynamic ? `${args.type.endsWith("Service") ? "nls" : "nle"}-${args.name}` : `${args.name}-id`,
        state: dynamic ? { ...inputs, phase: phaseOverrides.get(args.name) ?? "READY" } : inputs,
      };
    },
    call: () => ({}),
  },
  "components",
  "test",
  false,
);

export { collectRejections } from "./rejections";

/** The value of an Output (rejects when the Output does). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}

/** Waits until every resource given has been registered. */
export async function settle(resources: pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((r) => valueOf(r.urn)));
}

/** The type of the resource's parent, read from its URN (`…::parentType$type::name`). */
export async function parentTypeOf(resource: pulumi.Resource): Promise<string | undefined> {
  const qualified = (await valueOf(resource.urn)).split("::")[2];
  const parts = qualified.split("$");
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}

/** Registered children of one component run, by name. */
export function byName(prefix: string): Record<string, Registered> {
  return Object.fromEntries(registered.filter((r) => r.name.startsWith(prefix)).map((r) => [r.name, r]));
}

export const A = { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } };
export const B = { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb1" } };
