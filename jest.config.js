/** Jest runs unit specs (*.spec.ts), medium tests against a real SQLite file and e2e tests over real loopback HTTP (*.e2e-spec.ts). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps/opstage', '<rootDir>/apps/demo-capsule-service', '<rootDir>/libs/contracts', '<rootDir>/libs/agent-sdk', '<rootDir>/bench', '<rootDir>/scripts'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  setupFiles: ['<rootDir>/apps/opstage/test/setup-env.ts'],
  // The generated agent client imports its siblings as `./x.js` (ESM style); jest resolves them to the .ts sources.
  moduleNameMapper: { '^@opstage/contracts$': '<rootDir>/libs/contracts/src/index.ts', '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
