// The browser suite: Jest drives a real Chromium (playwright-core) against `npm run demo`.
// Node code, so it shares the SWC preset of the Node projects, not the Angular one.
const path = require('node:path');

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  globals: { E2E_ROOT: path.join(__dirname, '..', '..') },
};
