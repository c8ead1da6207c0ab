module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'adapters',
  rootDir: __dirname,
  // The MongoDB contract spec uses MONGODB_URI when set, else the wire test double started here
  // (by path: the adapters project must not import tools).
  globalSetup: '<rootDir>/../../tools/testing/mongo-wire/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../tools/testing/mongo-wire/jest-global-teardown.ts',
};
