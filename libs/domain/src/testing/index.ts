export * from './fakes';
export * from './fake-timers';
export * from './runtime-world';
