// How property values are shaped between the engine, the state and the API.

/** Drops undefined members, which a protobuf Struct cannot carry. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The inputs without the serialized provider the host adds to them. */
export function withoutProvider<T extends object>(value: T): T {
  const copy = { ...value } as Record<string, unknown>;
  delete copy.__provider;
  return copy as T;
}

/** Sorted, de-duplicated copy: the API treats accept lists as sets. */
export function asSet(values: readonly string[] | null | undefined): string[] {
  // A list not known yet (a preview) stays a single opaque value, so it never equals a known list.
  if (values !== null && values !== undefined && !Array.isArray(values)) return [String(values)];
  return [...new Set(values ?? [])].sort();
}

export function sameSet(
  a: readonly string[] | null | undefined,
  b: readonly string[] | null | undefined,
): boolean {
  const x = asSet(a);
  const y = asSet(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * What the dynamic-provider host passes to `check` for a value not known yet (during a preview, the
 * ID of a service still to be created). Such a value cannot be checked now; it is checked again when
 * known.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}
