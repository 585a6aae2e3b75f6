/**
 * Pieces of the Postman sandbox JavaScript the export writes (scripts.ts, waits.ts, prerequest.ts):
 * literals, indentation, and the run-order calls, written for both the current `pm.execution` API and
 * the legacy `postman.` one that older Postman apps and runners still honour. Issue 6.
 */

export const js = (value: unknown): string => JSON.stringify(value);

export const indent = (lines: string[], by = '  '): string[] => lines.map((l) => `${by}${l}`);

/** The request run next: a JavaScript expression, a request name or `null` (the run ends). */
export function setNextRequest(target: string): string[] {
  return [
    "if (pm.execution && typeof pm.execution.setNextRequest === 'function') {",
    `  pm.execution.setNextRequest(${target});`,
    '} else {',
    `  postman.setNextRequest(${target});`,
    '}',
  ];
}

/**
 * A test, through the script's own `check` (scripts.ts), which also notes a failure so the script can
 * end the walk. `assertions` are statements.
 */
export function check(name: string, assertions: string[]): string[] {
  return [`check(${js(name)}, function () {`, ...indent(assertions), '});'];
}
