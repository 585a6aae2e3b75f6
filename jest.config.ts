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
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/reports/'],
};

export default config;
