module.exports = {
  // eslint-disable-next-line @nx/enforce-module-boundaries -- the shared Jest preset lives at the workspace root
  ...require('../../jest.preset.js'),
  displayName: 'detection',
  rootDir: __dirname,
  testEnvironment: '<rootDir>/test/native-typed-arrays-environment.js',
};
