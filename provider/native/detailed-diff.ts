// The detailed diff the engine shows and acts on, from the lifecycle's diff.
import type * as pulumi from "@pulumi/pulumi";
import { BaseInputs, Outputs, LifecycleSpec, WireObject } from "../lifecycle/lifecycle-spec";

// The diff the engine shows (`pulumi preview --diff`) and acts on, from the lifecycle's own diff
// (lifecycle.ts diffOf: changes, replaces, stables): each property that changes, as an update or a
// replacement. With a detailed diff the engine shows exactly these properties and no comparison of
// its own, so an omitted list against an empty one is no change, as the lifecycle decides.

export type PropertyChange = "update" | "update-replace";

export interface NativeDiff {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  /** Each changed property, by its input name (`phase` for a state that only a replacement leaves). */
  detailed: Record<string, PropertyChange>;
}

/** The detailed diff of a state and new inputs, given the lifecycle's diff of them. */
export function detailedDiff<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  olds: Outputs<I>,
  news: I,
  lifecycleDiff: pulumi.dynamic.DiffResult,
): NativeDiff {
  const replaces = [...(lifecycleDiff.replaces ?? [])];
  const detailed: Record<string, PropertyChange> = {};
  for (const key of spec.changedFields(olds, news)) detailed[key] = "update";
  for (const key of replaces) detailed[key] = "update-replace";
  return {
    changes: lifecycleDiff.changes !== false && Object.keys(detailed).length > 0,
    replaces,
    stables: [...(lifecycleDiff.stables ?? [])],
    deleteBeforeReplace: lifecycleDiff.deleteBeforeReplace === true,
    detailed,
  };
}
