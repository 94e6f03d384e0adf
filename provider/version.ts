/** The package's version; a unit test keeps it equal to package.json's. */
export const VERSION = "0.1.0";
export const PACKAGE_NAME = "pulumi-confluent-network-link";
export const USER_AGENT = `${PACKAGE_NAME}/${VERSION}`;
