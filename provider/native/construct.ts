// Construct: builds a component for a program in any language inside the plugin.
import * as pulumi from "@pulumi/pulumi";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { NativeProvider } from "./provider";
import { providerServer, runtimeInternals, runtimeState, Struct } from "./sdk-runtime";

// Construct: the engine asks the provider to build a component (NetworkLink, …) of a program in any
// language. The component registers its children with the engine's resource monitor like a program
// does, so each call sets up the Node.js runtime for the program's stack (monitor, project, stack,
// organization, preview or not, config) in a runtime state of its own (calls may overlap), rebuilds
// the component's options, and returns its URN and outputs once every registration is sent.

type ConstructRequest = provproto.ConstructRequest;

async function configureRuntime(req: ConstructRequest, engineAddress: string): Promise<void> {
  pulumi.runtime.resetOptions(
    req.getProject(),
    req.getStack(),
    req.getParallel(),
    engineAddress,
    req.getMonitorendpoint(),
    req.getDryrun(),
    req.getOrganization(),
  );
  await runtimeInternals.awaitFeatureSupport();
  pulumi.runtime.setAllConfig(
    Object.fromEntries(req.getConfigMap().entries()),
    req.getConfigsecretkeysList(),
  );
}

/** The value of an output that is always known (a URN). */
const valueOf = <T>(value: pulumi.Input<T>) =>
  new Promise<T>((resolve) => pulumi.output(value).apply((known) => resolve(known as T)));

/** A provider reference (`<urn>::<id>`) as a resource option. */
const providerResource = (ref: string) => new pulumi.DependencyProviderResource(ref);

function aliasesOf(req: ConstructRequest): pulumi.Input<pulumi.URN | pulumi.Alias>[] {
  return req.getAliasesList().flatMap((alias): pulumi.Input<pulumi.URN | pulumi.Alias>[] => {
    if (alias.hasUrn()) return [alias.getUrn()];
    const spec = alias.getSpec();
    if (!spec) return [];
    return [
      {
        name: spec.getName() || undefined,
        project: spec.getProject() || undefined,
        stack: spec.getStack() || undefined,
        parent: spec.hasParenturn()
          ? spec.getParenturn()
          : spec.getNoparent()
            ? pulumi.rootStackResource
            : undefined,
      },
    ];
  });
}

/**
 * The component's options, as the program gave them. `selfReference` is the explicit provider this
 * process serves: a component constructed by it hands it to its children even when the program set
 * it as `provider` rather than in `providers`, so they never fall back to the default provider.
 */
export function optionsOf(req: ConstructRequest, selfReference?: string): pulumi.ComponentResourceOptions {
  const providers: Record<string, pulumi.ProviderResource> = {};
  for (const [pkg, ref] of req.getProvidersMap().entries()) providers[pkg] = providerResource(ref);
  if (selfReference) {
    const pkg = selfReference.split("::")[2]?.split(":").pop();
    if (pkg && !providers[pkg]) providers[pkg] = providerResource(selfReference);
  }
  const timeouts = req.getCustomtimeouts();
  return {
    parent: req.getParent() ? new pulumi.DependencyResource(req.getParent()) : undefined,
    providers,
    dependsOn: req.getDependenciesList().map((urn) => new pulumi.DependencyResource(urn)),
    aliases: aliasesOf(req),
    protect: req.getProtect(),
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    retainOnDelete: req.getRetainondelete(),
    customTimeouts: timeouts
      ? {
          create: timeouts.getCreate() || undefined,
          update: timeouts.getUpdate() || undefined,
          delete: timeouts.getDelete() || undefined,
        }
      : undefined,
    deletedWith: req.getDeletedwith() ? new pulumi.DependencyResource(req.getDeletedwith()) : undefined,
  };
}

const inFlight = new Set<(err: unknown) => void>();

/** Fails every Construct call under way with `err`; false when there is none. */
export function failConstructs(err: unknown): boolean {
  if (inFlight.size === 0) return false;
  for (const fail of inFlight) fail(err);
  return true;
}

/** Serves one Construct call: builds the component and answers with its URN and outputs. */
export function construct(
  provider: NativeProvider,
  req: ConstructRequest,
  engineAddress: string | undefined,
): Promise<provproto.ConstructResponse> {
  let fail: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  inFlight.add(fail);
  return Promise.race([failed, build(provider, req, engineAddress)]).finally(() => inFlight.delete(fail));
}

function build(
  provider: NativeProvider,
  req: ConstructRequest,
  engineAddress: string | undefined,
): Promise<provproto.ConstructResponse> {
  return runtimeState.withLocalStorage(async () => {
    if (!engineAddress) throw new Error("the engine's address is unknown: the plugin was started without it");
    await configureRuntime(req, engineAddress);
    const inputs = await providerServer.deserializeInputs(req.getInputs(), req.getInputdependenciesMap());
    const type = req.getType();
    const name = req.getName();
    const result = await provider.construct(name, type, inputs, optionsOf(req, provider.selfReference()));
    const response = new provproto.ConstructResponse();
    response.setUrn(await valueOf(result.urn));
    const [state, dependencies] = await pulumi.runtime.serializeResourceProperties(
      `construct(${type}, ${name})`,
      result.state,
    );
    const byProperty = response.getStatedependenciesMap();
    for (const [key, resources] of dependencies) {
      const urns = new provproto.ConstructResponse.PropertyDependencies();
      urns.setUrnsList(await Promise.all([...resources].map((r) => valueOf(r.urn))));
      byProperty.set(key, urns);
    }
    response.setState(Struct.fromJavaScript(state));
    await runtimeInternals.waitForRPCs();
    return response;
  });
}
