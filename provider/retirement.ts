// What Confluent has said about the retirement of network links, in one place: the warnings, the
// create errors, the docs and the cluster-link example all read it from here.
//
// Source: Confluent Cloud documentation, "Use Network Linking with Confluent Cloud"
// (docs.confluent.io/cloud/current/networking/network-linking.html), as read on 2026-12-07.

/** Where users read what to do; every message about the retirement points here. */
export const RETIREMENT_GUIDE_URL =
  "https://github.com/pulumi-confluent-network-link/pulumi-confluent-network-link/blob/main/docs/retiring-network-links.md";

/** The facts of the retirement as documented, with the date they were read. */
export const NETWORK_LINK_RETIREMENT = {
  /** Network links are deprecated in phases across AWS regions, fully by this date. */
  fullyDeprecatedBy: "2026-12-31",
  /** When the facts below were read from the source. */
  asOf: "2026-12-07",
  source: "https://docs.confluent.io/cloud/current/networking/network-linking.html",
  /**
   * AWS regions where Cluster Linking between Dedicated clusters over AWS PrivateLink no longer needs
   * network links; existing links there are upgraded automatically.
   */
  awsRegionsWithoutNetworkLinks: [
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
  ],
  guide: RETIREMENT_GUIDE_URL,
} as const;

/** True where cluster linking no longer needs network links (per the list above). */
export function networkLinksNotNeeded(cloud: string | undefined, region: string | undefined): boolean {
  if (cloud?.toUpperCase() !== "AWS" || region === undefined) return false;
  return (NETWORK_LINK_RETIREMENT.awsRegionsWithoutNetworkLinks as readonly string[]).includes(
    region.toLowerCase(),
  );
}

/** The one warning for a link object about to be created in such a region. */
export function notNeededWarning(label: string, network: string, region: string): string {
  return (
    `${label}: network ${network} is in AWS ${region}, where cluster linking between Dedicated ` +
    `PrivateLink clusters no longer needs network links (Confluent retires them by ` +
    `${NETWORK_LINK_RETIREMENT.fullyDeprecatedBy}); see ${RETIREMENT_GUIDE_URL}`
  );
}

/** The line a refused create adds to the API's own message. */
export const REFUSED_CREATE_HINT =
  `Network links are being retired (fully by ${NETWORK_LINK_RETIREMENT.fullyDeprecatedBy}); ` +
  `if the API refuses new links, see ${RETIREMENT_GUIDE_URL}`;
