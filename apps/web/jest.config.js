// Angular components need the Angular compiler's JIT transform (jest-preset-angular), not the
// SWC setup the Node projects share, so this project does not use jest.preset.js.
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'web',
  rootDir: __dirname,
  // The preset's 'jsdom' name needs jest-environment-jsdom; the preset ships its own jsdom environment.
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
