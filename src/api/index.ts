/**
 * The contact API client: pure, synchronous, sans-I/O. Build `ApiRequest`s, let a driver
 * send them (adding `Authorization: Bearer <token>`), read the `HttpResult`s back.
 */
export * from './baseUrl';
export * from './customFields';
export * from './errors';
export * from './http';
export * from './identifier';
export * from './lookup';
export * from './pacing';
export * from './requests';
export * from './responses';
export * from './schemas';
export * from './secrets';
