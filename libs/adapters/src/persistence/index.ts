export * from './sqlite';
export * from './mongo';
export { usernameKey } from './username-key';
