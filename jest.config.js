// Every suite in one run, so `npm test` ends with one total.
module.exports = {
  // Suites that start the server in a hook take seconds; on a busy 2-core machine more than Jest's
  // default 5 s. A test that really hangs still fails, later.
  testTimeout: 30_000,
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/adapters',
    '<rootDir>/libs/detection',
    '<rootDir>/apps/api',
    '<rootDir>/apps/web',
    // The browser suite against `npm run demo` (builds first when stale; Chromium from Debian or npm).
    '<rootDir>/apps/web-e2e',
    '<rootDir>/tools',
  ],
};
