// Public exports of pulumi-confluent-network-link.
export const PACKAGE_NAME = "pulumi-confluent-network-link";
