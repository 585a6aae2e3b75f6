/**
 * A log of every call the client made, kept per test for the reports: what was asked, what came,
 * how long it took, and what the validator found. Headers and bodies are redacted before they are
 * stored, so the log can be written anywhere.
 */
import type { Violation } from '../spec/violations.js';

export interface LoggedCall {
  /** The test that made the call (Jest's current test name), when known. */
  test?: string;
  persona?: string;
  operation?: string;
  method: string;
  /** The path template, e.g. `/broker/api/v1/filetransfer/{fileTransferId}`. */
  pathTemplate: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** The first few KiB of a response body that was read; streamed bodies are not. */
  responseBody?: string;
  attempts: number;
  startedAt: number;
  durationMs: number;
  violations: Violation[];
  /** A transport failure: timeout, connection refused or closed. */
  error?: string;
}

export class RequestLog {
  readonly #calls: LoggedCall[] = [];

  add(call: LoggedCall): void {
    this.#calls.push(call);
  }

  all(): readonly LoggedCall[] {
    return this.#calls;
  }

  forTest(test: string): LoggedCall[] {
    return this.#calls.filter((call) => call.test === test);
  }

  clear(): void {
    this.#calls.length = 0;
  }
}

const EXCERPT = 4096;

export function excerpt(text: string, max = EXCERPT): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}
