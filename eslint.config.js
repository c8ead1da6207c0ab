const nx = require('@nx/eslint-plugin');

// Node built-ins and frameworks the pure domain must never reach.
const nodeIo = ['fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'crypto', 'child_process', 'worker_threads', 'stream', 'dgram', 'node:*'];
const frameworks = ['@nestjs/*', 'mongoose', 'mongodb', 'socket.io', 'socket.io-client', 'libsql', 'express', 'piscina', '@tensorflow/*', 'werift'];

/** Which project types may import which; `testsMayUseTools` lets test files use the simulator and test doubles. */
function boundaries(testsMayUseTools) {
  const tool = testsMayUseTools ? ['type:tool'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: [],
      // The adapters' specs drive them with test support from tools/ (the camera simulator, test
      // clients), which is itself built on the adapters: a cycle through tests only.
      ignoredCircularDependencies: [['adapters', 'tools']],
      depConstraints: [
        { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: [...nodeIo, ...frameworks] },
        { sourceTag: 'type:detection', onlyDependOnLibsWithTags: ['type:domain', 'type:detection'] },
        { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:detection', ...tool] },
        // The API's configuration (apps/api/src/config, `@argus/config`): the one reader of the environment.
        { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:detection'] },
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:detection', 'type:config', ...tool] },
        { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:detection', 'type:config', 'type:tool'] },
        // The console's browser suite drives it from outside: test support from tools, nothing of the app's code.
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:tool'] },
      ],
    },
  ];
}

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.angular', '**/.nx', 'data', 'tmp', 'test-artifacts', 'bench/results.json'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node built-ins are not "external" to Nx's rule, so the domain's ban on I/O is spelled out here too.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeIo, ...frameworks], message: 'libs/domain is pure TypeScript: no Node I/O or frameworks' }] },
      ],
    },
  },
  {
    // The API's integration tests drive it with the camera simulator from tools/.
    files: ['apps/api/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    // The libraries' specs may use test support from tools/ (test clips, the simulated camera, test clients).
    files: ['libs/**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    // Each project's Jest config extends the shared preset at the workspace root.
    files: ['**/jest.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
