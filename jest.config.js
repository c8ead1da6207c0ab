// Every suite in one run, so `npm test` ends with one total.
module.exports = {
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
