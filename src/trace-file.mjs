// @ts-check
/**
 * Where a run's trace goes (src/trace.ts): the variable that names the file and the one writer that
 * appends spans to it. Plain JavaScript, so that the results reporter, which Jest loads without a
 * transform, writes its spans as the TypeScript does.
 */
import { appendFileSync } from 'node:fs';

/** The variable that names the trace file; unset, nothing is written. */
export const TRACE_ENV = 'BROKER_CONTRACT_TRACE';

/**
 * Appends the spans, one JSON line each with this process's pid; lines under 4 KiB are written whole
 * even with several processes appending.
 * @param {object[]} spans
 */
export function appendSpans(spans) {
  const file = process.env[TRACE_ENV];
  if (!file || spans.length === 0) return;
  appendFileSync(file, spans.map((span) => `${JSON.stringify({ ...span, pid: process.pid })}\n`).join(''));
}
