// The root config plus Angular's component and template rules (including the accessibility set).
// ESLint 9 reads one config per run, so the `lint` target passes this file with -c.
const nx = require('@nx/eslint-plugin');
// Reaching the root config by path is how a project config extends it, not a library import.
// eslint-disable-next-line @nx/enforce-module-boundaries
const baseConfig = require('../../eslint.config.js');

module.exports = [
  ...baseConfig,
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    // Browser code: the Node globals flat/angular allows must not creep into the app itself.
    files: ['**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test-setup.ts', '**/src/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'The console runs in the browser.' }] }],
    },
  },
];
