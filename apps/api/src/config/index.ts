export * from './argus-config';
export * from './detection-config';
export * from './secrets';
