/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

/**
 * ESM throughout (jose 6 and openapi-fetch ship only ESM): Jest runs with
 * --experimental-vm-modules, and @swc/jest transpiles TypeScript without type-checking
 * (tsc --noEmit is its own step of `npm test`). See docs/decisions/0001-esm-jest.md.
 */
const config: Config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    // @swc/jest, loaded only on a cache miss (suites/support/transformer.mjs).
    '^.+\\.ts$': [
      '<rootDir>/suites/support/transformer.mjs',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/reports/'],
  // Many test files wait on child processes and sockets more than they compute: two workers even on
  // two cores (Jest's default is one fewer than the cores) took npm test from 402 s to 269 s here.
  maxWorkers: 2,
  // Tests that spawn the bin or a run take seconds under that load; 5 s failed one of them.
  testTimeout: 30_000,
};

export default config;
