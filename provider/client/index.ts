export { ApiError, isConflict, isNotFound } from "./errors";
export { DEFAULT_ENDPOINT, DEFAULT_RETRY, HttpClient } from "./http";
export type { HttpClientOptions, RetryPolicy } from "./http";
export { NetworkingClient, nextPageToken } from "./networking";
export type { EndpointFilter, ServiceFilter } from "./networking";
export * from "./schemas";
