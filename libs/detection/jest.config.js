module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'detection',
  rootDir: __dirname,
  testEnvironment: '<rootDir>/test/native-typed-arrays-environment.js',
};
