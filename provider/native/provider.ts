import * as pulumi from "@pulumi/pulumi";
import { NetworkingClient } from "../client/networking";
import { resolveConfig } from "../config";
import { endpointKind } from "../resources/endpoint-provider";
import { LinkLifecycle } from "../resources/lifecycle";
import { ProviderContext } from "../resources/provider-context";
import { serviceKind } from "../resources/service-provider";
import { BaseInputs, ResourceKind, WireObject } from "../resources/resource-kind";
import { USER_AGENT, VERSION } from "../version";
import { constructComponent } from "./components";
import { nativeConfigSource, pluginConfig } from "./credentials";
import { EngineLog } from "../engine-log";
import { parseImportId } from "./import-id";
import { importedInputs } from "./imported-inputs";
import { packageSchema, TOKENS } from "./schema";
import { markSecret, revealed, secretKeys } from "./secret-values";

// The native provider: the SDK's provider server around the one lifecycle the dynamic resources run
// (provider/resources/lifecycle.ts). This file only translates: URN to kind, secrets in and out, an
// import ID to what read needs, and progress to the engine, pinned on the resource's URN.

type Props = Record<string, unknown>;
type AnyKind = ResourceKind<BaseInputs, WireObject>;

const KINDS: Record<string, { kind: AnyKind; noun: "service" | "endpoint" }> = {
  [TOKENS.service]: { kind: serviceKind as unknown as AnyKind, noun: "service" },
  [TOKENS.endpoint]: { kind: endpointKind as unknown as AnyKind, noun: "endpoint" },
};

/** The type token in a URN: `urn:pulumi:stack::project::<parent types$>type::name`. */
function typeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

export class NativeProvider implements pulumi.provider.Provider {
  readonly version = VERSION;
  readonly schema = JSON.stringify(packageSchema());
  private readonly log: EngineLog;

  constructor(
    engineAddress: string | undefined,
    private readonly config: Record<string, string> = pluginConfig(),
  ) {
    this.log = new EngineLog(engineAddress);
  }

  private lifecycle(urn: string) {
    const entry = KINDS[typeOf(urn)];
    if (!entry) throw new Error(`unknown resource type ${typeOf(urn)} (${urn})`);
    const source = nativeConfigSource(this.config);
    const context: ProviderContext = {
      // As the dynamic resources resolve it (config.ts): stack config, then the environment. A
      // resource's own credential source is not part of the native schema.
      client: () => {
        const resolved = resolveConfig(source);
        return new NetworkingClient({ ...resolved, userAgent: USER_AGENT });
      },
      info: (message) => void this.log.info(urn, message),
      warn: (message) => void this.log.warn(urn, message),
    };
    return { lifecycle: new LinkLifecycle(entry.kind, context), ...entry };
  }

  async check(urn: string, olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
    const { lifecycle } = this.lifecycle(urn);
    const name = urn.split("::").pop() ?? "";
    // The dynamic resources default the display name to the resource name in their constructor.
    const plain = { displayName: name, ...(revealed(news) as Props) };
    const result = await lifecycle.check(revealed(olds ?? {}) as Props, plain);
    if (result.failures?.length) return { failures: [...result.failures] };
    return { inputs: markSecret(result.inputs as unknown as Props, secretKeys(news)) };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
    const { lifecycle } = this.lifecycle(urn);
    return lifecycle.diff(id, revealed(olds) as never, revealed(news) as never);
  }

  async create(urn: string, inputs: Props): Promise<pulumi.provider.CreateResult> {
    const { lifecycle } = this.lifecycle(urn);
    const secret = secretKeys(inputs);
    try {
      const created = await lifecycle.create(revealed(inputs) as never);
      return { id: created.id, outs: markSecret(created.outs as unknown as Props, secret) };
    } catch (err) {
      // A resource initialization failure keeps the ID; its recorded properties keep the secret mark.
      const failed = err as { id?: string; properties?: Props };
      if (failed.id && failed.properties) failed.properties = markSecret(failed.properties, secret);
      throw err;
    }
  }

  async read(id: string, urn: string, props?: Props): Promise<pulumi.provider.ReadResult> {
    const { lifecycle, noun } = this.lifecycle(urn);
    if (id.includes("/") || !(props as { environment?: unknown } | undefined)?.environment) {
      // `pulumi import` (or the import option): no properties, so the environment must be in the ID.
      const target = parseImportId(id, noun);
      const found = await lifecycle.read(target.id, { environment: { id: target.environment } } as never);
      if (!found.props) {
        throw new Error(
          `network link ${noun} ${target.id} was not found in environment ${target.environment}`,
        );
      }
      const outs = found.props as unknown as Props;
      return { id: target.id, props: outs, inputs: importedInputs(noun, outs) };
    }
    const found = await lifecycle.read(id, revealed(props ?? {}) as never);
    // Gone: an empty ID makes the engine drop the resource from the state.
    if (!found.props) return { id: "", props: {} };
    return { id, props: markSecret(found.props as unknown as Props, secretKeys(props)) };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
    const { lifecycle } = this.lifecycle(urn);
    const updated = await lifecycle.update(id, revealed(olds) as never, revealed(news) as never);
    return { outs: markSecret(updated.outs as unknown as Props, secretKeys(news)) };
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const { lifecycle } = this.lifecycle(urn);
    await lifecycle.delete(id, revealed(props) as never);
  }

  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<pulumi.provider.ConstructResult> {
    const component = await constructComponent(type, name, inputs as Props, options);
    return { urn: component.urn, state: component.state as pulumi.Inputs };
  }
}
