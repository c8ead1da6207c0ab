export * from './fakes';
export * from './manual-timers';
export * from './pipeline-fakes';
export * from './runtime-world';
export * from './builders';
export * from './people-fakes';
export * from './people-builders';
export * from './object-fakes';
