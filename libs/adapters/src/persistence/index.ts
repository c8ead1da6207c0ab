export * from './sqlite';
export * from './mongo';
export { usernameKey } from './username-key';
export * from './encrypted-camera-repository';
export { isDatabaseUnavailable } from './database-unavailable';
export * from './encrypted-webhook-repository';
