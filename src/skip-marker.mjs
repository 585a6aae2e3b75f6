// The `name` of a thrown `Skipped` (src/errors.ts): how every reader of Jest's results tells a skip
// from a failure (decision 0011). Plain JavaScript, so that the terminal reporter, which Jest loads
// without a transform (suites/support/progress.mjs), imports the same constant as the TypeScript.
export const SKIPPED = 'Skipped';
