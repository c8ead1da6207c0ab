export * from './redis-connection';
export * from './redis-lease-store';
export * from './redis-node-registry';
export * from './redis-command-bus';
export * from './mongo-camera-fences';
export * from './alert-relay';
export * from './recent-keys';
export * from './alert-catch-up';
