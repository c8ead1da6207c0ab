export * from './argus-config';
export * from './detection-config';
export * from './secrets';
export * from './notification-config';
export * from './vapid-keys';
export * from './media-store-config';
export * from './recording-config';
export * from './cluster-config';
