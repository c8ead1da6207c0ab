export * from './recording-ports';
export * from './pre-roll';
export * from './event-clip';
export * from './camera-recorder';
export * from './recorder';
export * from './attach-clip';
export * from './recording-retention';
export * from './recording-queries';
