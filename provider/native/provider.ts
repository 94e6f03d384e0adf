// The native provider: each engine call translated to the one lifecycle, the components and the lookups.
import * as pulumi from "@pulumi/pulumi";
import { NetworkingClient } from "../client/networking";
import { forbiddenHint, resolveConfig, unauthorizedHint } from "../config";
import { endpointSpec } from "../lifecycle/endpoint-spec";
import { LinkLifecycle } from "../lifecycle/lifecycle";
import { ProviderContext } from "../lifecycle/provider-context";
import { serviceSpec } from "../lifecycle/service-spec";
import { BaseInputs, LifecycleSpec, WireObject } from "../lifecycle/lifecycle-spec";
import { USER_AGENT, VERSION } from "../version";
import { constructComponent } from "./components";
import { detailedDiff, NativeDiff } from "./detailed-diff";
import { EngineLog } from "../engine-log";
import { importedInputs, parseImportId } from "./imports";
import { invokeFunction } from "./invoke";
import {
  checkProviderConfig,
  ConfigDiff,
  ConfigFailure,
  configSourceOf,
  diffProviderConfig,
  isDefaultProvider,
  namingFor,
  ProviderIdentity,
  ProviderSettings,
  settingsOf,
} from "./provider-config";
import { packageSchema, TOKENS } from "./schema";
import {
  derivedSecretKeys,
  hideSecrets,
  markSecret,
  revealed,
  secretKeys,
  secretTexts,
} from "./secret-values";
import {
  boundInputs,
  explainTimeout,
  restoredTimeout,
  TimedOperation,
  timeoutInput,
  waitBound,
} from "./timeouts";

// The native provider: the one lifecycle the dynamic resources run (provider/lifecycle/lifecycle.ts),
// served over gRPC by server.ts. This file only translates: URN to lifecycle spec, secrets in and out, an
// import ID to what read needs, the engine's timeouts to the waits' bounds, progress to the engine
// (pinned on the resource's URN), and messages to the settings of this provider instance.

type Props = Record<string, unknown>;
type AnySpec = LifecycleSpec<BaseInputs, WireObject>;

const SPECS: Record<string, { spec: AnySpec; type: "service" | "endpoint" }> = {
  [TOKENS.service]: { spec: serviceSpec as unknown as AnySpec, type: "service" },
  [TOKENS.endpoint]: { spec: endpointSpec as unknown as AnySpec, type: "endpoint" },
};

/** The type token in a URN: `urn:pulumi:stack::project::<parent types$>type::name`. */
function typeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

/** What of an operation's inputs is secret: texts to hide from messages, and how to mark outputs. */
interface Secrets {
  texts: string[];
  mark(outputs: Props): Props;
}

function secretsOf(given: Props): Secrets {
  const texts = secretTexts(given);
  const keys = secretKeys(given);
  return {
    texts,
    // The inputs' secret properties, and any output the API built from a secret value.
    mark: (outputs) => markSecret(outputs, [...keys, ...derivedSecretKeys(outputs, texts)]),
  };
}

export class NativeProvider {
  readonly version = VERSION;
  readonly schema = JSON.stringify(packageSchema());
  private readonly log: EngineLog;
  private settings: ProviderSettings = {};
  private identity: ProviderIdentity = {};

  constructor(engineAddress: string | undefined) {
    this.log = new EngineLog(engineAddress);
  }

  /** Configure: this instance's settings, from the engine (never from another instance's). */
  configure(args: Props, identity: ProviderIdentity): void {
    this.settings = settingsOf(args);
    this.identity = { urn: identity.urn ?? this.identity.urn, id: identity.id ?? this.identity.id };
  }

  /**
   * The reference (`<urn>::<id>`) of the explicit provider this process serves, for the children of a
   * component it constructs; undefined for the default provider (the engine picks it for them).
   */
  selfReference(): string | undefined {
    const { urn, id } = this.identity;
    return urn && id && !isDefaultProvider(this.identity) ? `${urn}::${id}` : undefined;
  }

  checkConfig(urn: string, news: Props): { inputs: Props; failures: ConfigFailure[] } {
    // The engine checks a provider's config in the process it then configures.
    this.identity = { ...this.identity, urn };
    return checkProviderConfig(news, { urn });
  }

  diffConfig(urn: string, olds: Props, news: Props): ConfigDiff {
    const diff = diffProviderConfig(olds, news, { urn });
    if (diff.warning) void this.log.warn(urn, diff.warning);
    return diff;
  }

  /** The lifecycle of the URN's type; `secrets` are hidden from every message it sends. */
  private lifecycle(urn: string, secrets: string[] = []) {
    const entry = SPECS[typeOf(urn)];
    if (!entry) throw new Error(`unknown resource type ${typeOf(urn)} (${urn})`);
    const context: ProviderContext = {
      client: () => this.client(),
      info: (message) => void this.log.info(urn, hideSecrets(message, secrets)),
      warn: (message) => void this.log.warn(urn, hideSecrets(message, secrets)),
    };
    return { lifecycle: new LinkLifecycle(entry.spec, context), ...entry };
  }

  /**
   * A client with this instance's settings, then the environment (config.ts). A resource's own
   * credential source is not part of the native schema: an explicit provider is how a resource, or
   * a function invoked with it, gets a key. `used` hears the key and secret resolved.
   */
  private client(used?: (key: string, secret: string) => void): NetworkingClient {
    const resolved = resolveConfig(
      configSourceOf(this.settings),
      process.env,
      undefined,
      namingFor(this.identity),
    );
    used?.(resolved.apiKey, resolved.apiSecret);
    return new NetworkingClient({ ...resolved, userAgent: USER_AGENT });
  }

  /**
   * Runs a function of the schema (invoke.ts) with this instance's client. Its failures read as a
   * resource operation's; neither the key nor the secret of this instance is shown in them.
   */
  invoke(token: string, args: Props): Promise<Props> {
    const secrets = secretTexts(args);
    const client = () => this.client((key, secret) => secrets.push(key, secret));
    return this.named(() => invokeFunction(token, revealed(args) as Props, client), secrets);
  }

  /**
   * Runs an operation; a failure names this instance's settings (a 401's advice among them) and shows
   * none of the `secrets`.
   */
  private async named<T>(
    operation: () => Promise<T>,
    secrets: string[],
    explain = (message: string) => message,
  ): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof Error) {
        const naming = namingFor(this.identity);
        const hint = unauthorizedHint(naming);
        const rewrite = (text: string) =>
          hideSecrets(
            explain(text.replace(unauthorizedHint(), hint).replace(forbiddenHint(), forbiddenHint(naming))),
            secrets,
          );
        err.message = rewrite(err.message);
        // A resource initialization failure also carries its message as its reasons.
        const failed = err as Error & { reasons?: unknown };
        if (Array.isArray(failed.reasons)) failed.reasons = failed.reasons.map((r) => rewrite(String(r)));
      }
      throw err;
    }
  }

  check(urn: string, olds: Props, news: Props): Promise<{ inputs?: Props; failures?: ConfigFailure[] }> {
    const secrets = secretTexts(olds ?? {}, news);
    return this.named(async () => {
      const { lifecycle } = this.lifecycle(urn, secrets);
      const name = urn.split("::").pop() ?? "";
      // The dynamic resources default the display name to the resource name in their constructor.
      const plain = { displayName: name, ...(revealed(news) as Props) };
      const result = await lifecycle.check(revealed(olds ?? {}) as Props, plain);
      if (result.failures?.length) {
        return { failures: result.failures.map((f) => ({ ...f, reason: hideSecrets(f.reason, secrets) })) };
      }
      return { inputs: markSecret(result.inputs as unknown as Props, secretKeys(news)) };
    }, secrets);
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<NativeDiff> {
    const { lifecycle, spec } = this.lifecycle(urn);
    const before = revealed(olds) as never;
    const after = revealed(news) as never;
    return detailedDiff(spec, before, after, await lifecycle.diff(id, before, after));
  }

  create(urn: string, inputs: Props, timeoutSeconds = 0): Promise<{ id: string; outs: Props }> {
    const plain = revealed(inputs) as Props;
    return this.bounded("create", inputs, timeoutSeconds, async (bounded, secrets) => {
      const created = await this.lifecycle(urn, secrets.texts).lifecycle.create(bounded as never);
      const outs = restoredTimeout(created.outs as unknown as Props, "create", plain);
      return { id: created.id, outs: secrets.mark(outs) };
    });
  }

  read(id: string, urn: string, props?: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
    const secrets = secretsOf(props ?? {});
    return this.named(async () => {
      const { lifecycle, type } = this.lifecycle(urn, secrets.texts);
      if (id.includes("/") || !(props as { environment?: unknown } | undefined)?.environment) {
        // `pulumi import` (or the import option): no properties, so the environment must be in the ID.
        const target = parseImportId(id, type);
        const found = await lifecycle.read(target.id, { environment: { id: target.environment } } as never);
        if (!found.props) {
          throw new Error(
            `network link ${type} ${target.id} was not found in environment ${target.environment}`,
          );
        }
        const outs = found.props as unknown as Props;
        return { id: target.id, props: outs, inputs: importedInputs(type, outs) };
      }
      const found = await lifecycle.read(id, revealed(props ?? {}) as never);
      // Gone: an empty ID makes the engine drop the resource from the state.
      if (!found.props) return { id: "", props: {} };
      return { id, props: secrets.mark(found.props as unknown as Props) };
    }, secrets.texts);
  }

  update(id: string, urn: string, olds: Props, news: Props, timeoutSeconds = 0): Promise<{ outs: Props }> {
    const plain = revealed(news) as Props;
    return this.bounded("update", news, timeoutSeconds, async (bounded, secrets) => {
      const { lifecycle } = this.lifecycle(urn, secrets.texts);
      const updated = await lifecycle.update(id, revealed(olds) as never, bounded as never);
      const outs = restoredTimeout(updated.outs as unknown as Props, "update", plain);
      return { outs: secrets.mark(outs) };
    });
  }

  delete(id: string, urn: string, props: Props, timeoutSeconds = 0): Promise<void> {
    return this.bounded("delete", props, timeoutSeconds, async (bounded, secrets) => {
      await this.lifecycle(urn, secrets.texts).lifecycle.delete(id, bounded as never);
    });
  }

  /**
   * Runs a create, update or delete with its wait bounded by the engine's timeout or the resource's
   * input, whichever is smaller. A resource initialization failure keeps the ID; its recorded
   * properties keep the secret marks and the program's own timeout input.
   */
  private bounded<T>(
    operation: TimedOperation,
    given: Props,
    timeoutSeconds: number,
    run: (bounded: Props, secrets: Secrets) => Promise<T>,
  ): Promise<T> {
    const plain = revealed(given) as Props;
    const secrets = secretsOf(given);
    const bound = waitBound(operation, plain[timeoutInput(operation)] as number | undefined, timeoutSeconds);
    const explain = (message: string) => explainTimeout(message, operation, bound);
    return this.named(
      async () => {
        try {
          return await run(boundInputs(plain, operation, bound), secrets);
        } catch (err) {
          const failed = err as { id?: string; properties?: Props };
          if (failed.id && failed.properties) {
            failed.properties = secrets.mark(restoredTimeout(failed.properties, operation, plain));
          }
          throw err;
        }
      },
      secrets.texts,
      explain,
    );
  }

  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<{ urn: pulumi.Input<string>; state: pulumi.Inputs }> {
    const component = await constructComponent(type, name, inputs as Props, options);
    return { urn: component.urn, state: component.state as pulumi.Inputs };
  }
}
