// The one check/diff/create/read/update/delete lifecycle both object types and both front doors run.
import * as pulumi from "@pulumi/pulumi";
import { ApiError } from "../client/errors";
import { NetworkingClient } from "../client/networking";
import { REFUSED_CREATE_HINT } from "../retirement";
import { checkInputs } from "./check-failures";
import { createOnce } from "./create-once";
import { patchObject, readObject } from "./object-calls";
import { deleteAndWait, settle, unlessNotFound } from "./phase-waits";
import { quotedName } from "../client/redaction";
import { CredentialSource, sameCredentialSource } from "../credential-source";
import { compact, withoutProvider } from "./property-values";
import { ProviderContext } from "./provider-context";
import { regionWarning } from "./region-warning";
import { BaseInputs, Outputs, LifecycleSpec, WireObject } from "./lifecycle-spec";

type Inputs<I> = I & { __provider?: unknown };

/**
 * The one create/read/update/delete/check/diff lifecycle of both resources; a LifecycleSpec says what
 * sets each apart. Runs in the dynamic-provider host (see runtime.ts).
 */
export class LinkLifecycle<I extends BaseInputs, W extends WireObject>
  implements pulumi.dynamic.ResourceProvider
{
  constructor(
    protected readonly spec: LifecycleSpec<I, W>,
    protected readonly context: ProviderContext,
  ) {}

  async check(
    olds: Partial<Outputs<I>>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult<I>> {
    // Missing credentials fail at preview, before anything else happens.
    const client = this.context.client(news.credentials as CredentialSource | undefined);
    const checked = checkInputs(this.spec.schema, this.spec.typeName, withoutProvider(news));
    if (checked.failures) return { failures: checked.failures };
    const warnings: (string | undefined)[] = [
      ...(this.spec.checkWarnings?.(olds ?? {}, checked.inputs) ?? []),
    ];
    // Only an object about to be created reads its network: an unchanged stack makes no request.
    const creating = Object.keys(olds ?? {}).length === 0 && checked.inputs.adoptExistingId === undefined;
    if (creating) warnings.push(await regionWarning(client, checked.inputs, this.spec.label(checked.inputs)));
    for (const warning of warnings) if (warning) this.context.warn(warning);
    return { inputs: checked.inputs };
  }

  async diff(_id: string, olds: Outputs<I>, news: I): Promise<pulumi.dynamic.DiffResult> {
    return diffOf(this.spec, olds, news);
  }

  async create(inputs: Inputs<I>): Promise<pulumi.dynamic.CreateResult<Outputs<I>>> {
    const client = this.context.client(inputs.credentials);
    const adopting = inputs.adoptExistingId !== undefined;
    const made = adopting ? await this.adopt(client, inputs) : await this.post(client, inputs);
    // Named at once: if the update is interrupted, this ID is what `adoptExistingId` needs.
    this.context.info(`${this.spec.label(inputs, made.id)}: ${adopting ? "adopted" : "created"}`);
    const settled = await settle(this.spec, this.context, client, inputs, made, { learn: !adopting });
    return { id: settled.id, outs: this.spec.outputs(inputs, settled) };
  }

  async read(id: string, props?: Outputs<I>): Promise<pulumi.dynamic.ReadResult<Outputs<I>>> {
    const client = this.context.client(props?.credentials);
    const environment = props?.environment?.id;
    if (!environment) {
      throw new Error(
        `reading ${this.spec.label({}, id)}: its environment is unknown; set adoptExistingId to bring it under this stack`,
      );
    }
    const object = await unlessNotFound(() => readObject(this.spec, client, environment, id));
    // Gone: returning nothing makes the engine drop it from the state.
    return object ? { id, props: this.spec.outputs(props as Outputs<I>, object) } : {};
  }

  async update(
    id: string,
    olds: Outputs<I>,
    news: Inputs<I>,
  ): Promise<pulumi.dynamic.UpdateResult<Outputs<I>>> {
    const client = this.context.client(news.credentials);
    const changed = this.spec.changedFields(olds, news);
    let object =
      changed.length === 0
        ? await readObject(this.spec, client, news.environment.id, id)
        : await patchObject(this.spec, client, id, news, changed);
    // A wait that timed out before (the engine updates a resource with initialization errors) resumes.
    if (this.spec.verdict(object.status.phase, news) === "wait") {
      object = await settle(this.spec, this.context, client, news, object);
    }
    return { outs: this.spec.outputs(news, object) };
  }

  async delete(id: string, props: Outputs<I>): Promise<void> {
    await deleteAndWait(this.spec, this.context, this.context.client(props.credentials), id, props);
  }

  private async post(client: NetworkingClient, inputs: I): Promise<W> {
    await this.spec.beforePost?.(client, inputs, this.context);
    const { recreateDelayMs, recoveryPatienceMs, listLagMs } = this.context;
    try {
      return await createOnce(this.spec, client, inputs, {
        retryDelayMs: recreateDelayMs,
        recoveryPatienceMs,
        listLagMs,
      });
    } catch (err) {
      throw withRetirementHint(err);
    }
  }

  private async adopt(client: NetworkingClient, inputs: I): Promise<W> {
    const id = inputs.adoptExistingId as string;
    const label = this.spec.label(inputs, id);
    const named = `network link ${this.spec.noun} ${id}`;
    const existing = await unlessNotFound(() => readObject(this.spec, client, inputs.environment.id, id));
    if (!existing) {
      throw new Error(
        `adoptExistingId: ${named} was not found in environment ${inputs.environment.id}; check both IDs.`,
      );
    }
    const mismatches = this.spec.adoptMismatches(existing, inputs);
    if (mismatches.length > 0) {
      throw new Error(
        `adoptExistingId: ${named} is in ${mismatches.join(" and ")}; make the inputs match the ${this.spec.noun} you adopt.`,
      );
    }
    const changed = this.spec.changedFields(this.spec.outputs(inputs, existing), inputs);
    if (changed.length === 0) return existing;
    this.context.info(`${label}: adopting it and updating ${changed.join(", ")} to match the program`);
    return patchObject(this.spec, client, id, inputs, changed);
  }
}

// What the API answers for a new link once links are retired is not documented: any refusal of a
// create keeps its own message and adds one line pointing to the guide. Not for a bad key, a taken
// slot (402, 409) or throttling, whose messages already say what to do.
const REFUSALS = [400, 403, 404, 405, 410, 422];

function withRetirementHint(err: unknown): unknown {
  if (err instanceof ApiError && REFUSALS.includes(err.status)) {
    err.message = `${err.message}\n${REFUSED_CREATE_HINT}`;
  }
  return err;
}

/** The diff of a state and new inputs; exported for table tests. */
export function diffOf<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  olds: Outputs<I>,
  news: I,
): pulumi.dynamic.DiffResult {
  const idOf = (value: unknown) => (value as { id?: string } | undefined)?.id;
  const record = (inputs: object, key: string) => (inputs as Record<string, unknown>)[key];
  const replaces = spec.replaceKeys.filter((key) => idOf(record(olds, key)) !== idOf(record(news, key)));
  // A phase the object never leaves (FAILED, DISCONNECTED, EXPIRED): the only way forward is a new one.
  if (olds.phase !== undefined && spec.isTerminal(olds.phase)) replaces.push("phase");
  const changed = spec.changedFields(olds, news);
  return {
    // A new credential source changes no API field, but its names must reach the state for later steps.
    changes:
      replaces.length > 0 || changed.length > 0 || !sameCredentialSource(olds.credentials, news.credentials),
    replaces,
    // A one-per slot (a network's service, a network's endpoint to one service) must be freed first.
    deleteBeforeReplace: replaces.length > 0 && spec.sameSlot(olds, news),
    stables: spec.replaceKeys.filter((key) => !replaces.includes(key)),
  };
}

/** Which of the fields both types update in place differ between the state and the inputs. */
export function changedNameOrDescription(
  olds: { displayName?: string; description?: string },
  news: { displayName: string; description?: string },
): string[] {
  const changed: string[] = [];
  if (olds.displayName !== news.displayName) changed.push("displayName");
  // An unset description leaves the current one alone, as in the Terraform provider.
  if (news.description !== undefined && (olds.description ?? "") !== news.description)
    changed.push("description");
  return changed;
}

/** What the state records of any type: the inputs, overlaid with what the API reports. */
export function baseOutputs<I extends BaseInputs>(inputs: I | Outputs<I>, wire: WireObject) {
  return compact({
    ...(withoutProvider(inputs) as Record<string, unknown>),
    environment: { id: wire.spec.environment.id },
    network: { id: wire.spec.network.id },
    displayName: wire.spec.display_name ?? inputs.displayName,
    description: wire.spec.description ?? "",
    resourceName: wire.metadata?.resource_name ?? "",
    phase: wire.status.phase,
    errorCode: wire.status.error_code ?? undefined,
    errorMessage: wire.status.error_message ?? undefined,
  });
}

/** "<noun> '<name>' (<id>) in <network>[ <more>]": how every message names an object. */
export function objectLabel(
  noun: string,
  inputs: { displayName?: string; network?: { id?: string } },
  id?: string,
  more?: string,
): string {
  const network = inputs.network?.id ? `in ${inputs.network.id}` : "";
  return [noun, quotedName(inputs.displayName), id ? `(${id})` : "", network, more].filter(Boolean).join(" ");
}
