/** `list`'s reading of what Jest collected (src/run/list.ts): clauses in order, sections, a file that did not load. */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { clausesOf, sectionsOf } from '../../src/run/list.js';
import { ROOT } from '../../src/run/jest.js';
import type { JestCase, JestFile } from '../../src/report/results.js';

const test = (ancestorTitles: string[], title: string): JestCase => ({
  ancestorTitles,
  title,
  fullName: [...ancestorTitles, title].join(' '),
  status: 'pending',
  failureMessages: [],
});

const file = (name: string, testResults: JestCase[], extra: Partial<JestFile> = {}): JestFile => ({
  testFilePath: join(ROOT, 'suites', name),
  testResults,
  ...extra,
});

describe('sectionsOf', () => {
  it('names each section once, in order, from the step and the clause', () => {
    expect(sectionsOf('02 service owner (§8.1–§8.3)', 'is registered (§8.1)')).toEqual(['8.1', '8.3']);
    expect(sectionsOf('no section here')).toEqual([]);
  });
});

describe('clausesOf', () => {
  const files = [
    file('05a-happy-path.test.ts', [test(['05a happy path (§4.2)'], 'uploads')]),
    file('01-access.test.ts', [
      test(['01 access'], 'a token (§3.1)'),
      test(['01 access'], 'no token gets 401'),
    ]),
  ];

  it('lists the clauses by file, then in declaration order, with relative paths and sections', () => {
    expect(clausesOf(files).map((c) => [c.file, c.clause, c.sections])).toEqual([
      ['suites/01-access.test.ts', 'a token (§3.1)', ['3.1']],
      ['suites/01-access.test.ts', 'no token gets 401', []],
      ['suites/05a-happy-path.test.ts', 'uploads', ['4.2']],
    ]);
  });

  it('narrows by a case-insensitive pattern on the full name', () => {
    expect(clausesOf(files, 'NO TOKEN').map((c) => c.clause)).toEqual(['no token gets 401']);
  });

  it('refuses to list when a file did not load, naming the file and its first line of reason', () => {
    const broken = file('07a-authorization-parties.test.ts', [], {
      testExecError: { message: '\n  BROKER_BASE_URL is not a URL\n    at make (src/suite/context.ts:92:3)' },
    });
    expect(() => clausesOf([...files, broken])).toThrow(
      'suites/07a-authorization-parties.test.ts did not load, so its clauses are unknown: BROKER_BASE_URL is not a URL',
    );
    expect(() => clausesOf([...files, broken])).toThrow(
      expect.objectContaining({ code: 'LIST_FILE_NOT_LOADED' }),
    );
  });
});
