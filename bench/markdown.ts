/** The small Markdown helpers every section of bench/RESULTS.md uses. */

/** A target's verdict: met, missed, or none set. */
export const yes = (met: boolean | undefined): string =>
  met === undefined ? "–" : met ? "**met**" : "**missed**";

/** A number as the report prints it (at most `digits` decimals), or a dash. */
export const n = (value: number | undefined, digits = 2): string =>
  value === undefined || !Number.isFinite(value) ? "–" : String(Number(value.toFixed(digits)));

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) =>
    `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Request counts by route, with the routes shortened (nls: services, nle: endpoints). */
export function routes(byRoute: Record<string, number>): string {
  return Object.entries(byRoute)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([route, count]) =>
        `${route.replace("/networking/v1/network-link-", "").replace("services", "nls").replace("endpoints", "nle")} ×${count}`,
    )
    .join(", ");
}

export function mean(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Seconds since a `performance.now()` reading. */
export const seconds = (since: number): number => (performance.now() - since) / 1000;
