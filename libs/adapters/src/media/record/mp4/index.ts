export * from './avc';
export * from './boxes';
export * from './fragment-reader';
export * from './movie';
export * from './progressive';
