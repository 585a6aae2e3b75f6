/**
 * The JavaScript of the exported collection's scripts, for the Postman sandbox (pm API, its bundled
 * ajv 6 and crypto-js): the status and spec/ schema checks of every request, the walk's own checks
 * (walk.ts), and the waits that re-run a request with backoff until a status is reached (CONTRACT.md
 * §5.3, §11). Issue 6.
 */
import { createHash } from 'node:crypto';
import type { Draft07Schema } from './schemas.js';
import type { WalkCheck, WalkPoll, WalkRequest } from './walk.js';

/** Collection variables the waits keep their state and limits in (`_`: internal, per the naming contract). */
export const POLL_VARIABLES = {
  attempt: { key: '_pollAttempt', value: '0', description: 'How many times the current wait has asked.' },
  maxAttempts: {
    key: '_pollMaxAttempts',
    value: '60',
    description: 'A wait gives up after this many answers (an environment variable of the name wins).',
  },
  firstDelayMs: {
    key: '_pollFirstDelayMs',
    value: '100',
    description: 'The pause before the second ask; it doubles for each ask after.',
  },
  maxDelayMs: { key: '_pollMaxDelayMs', value: '2000', description: 'The longest pause between two asks.' },
} as const;

const js = (value: unknown): string => JSON.stringify(value);
const property = (name: string): string => `body[${js(name)}]`;

function test(name: string, lines: string[]): string[] {
  return [`pm.test(${js(name)}, function () {`, ...lines.map((l) => `  ${l}`), '});'];
}

function checkLines(check: WalkCheck): string[] {
  switch (check.kind) {
    case 'capture':
      return test(`captures ${check.variable}`, [
        `pm.expect(${property(check.property)}, ${js(check.property)}).to.be.a('string').and.not.empty;`,
        `pm.collectionVariables.set(${js(check.variable)}, ${property(check.property)});`,
      ]);
    case 'sameAsVariable':
      return test(check.clause, [
        `pm.expect(String(${property(check.property)}).toLowerCase()).to.equal(String(pm.variables.get(${js(check.variable)})).toLowerCase());`,
      ]);
    case 'listsVariable':
      return test(check.clause, [
        `const wanted = String(pm.variables.get(${js(check.variable)})).toLowerCase();`,
        `pm.expect(body.map(function (id) { return String(id).toLowerCase(); })).to.include(wanted);`,
      ]);
    case 'equals':
      return test(check.clause, [
        `pm.expect(${property(check.property)}, ${js(check.property)}).to.eql(${js(check.value)});`,
      ]);
    case 'recipientStatus':
      return test(check.clause, [
        '// §11: org numbers are compared after everything up to the last colon.',
        `const party = String(pm.variables.get(${js(check.partyVariable)})).split(':').pop();`,
        `const entry = (body.recipients || []).find(function (r) { return String(r.recipient).split(':').pop() === party; });`,
        `pm.expect(entry, 'the recipients entry of ' + party).to.be.an('object');`,
        `pm.expect(entry.currentRecipientFileTransferStatusCode).to.equal(${js(check.status)});`,
      ]);
    case 'bodyIs':
      return test(check.clause, [
        "const CryptoJS = require('crypto-js');",
        'const text = pm.response.text();',
        `pm.expect(text.length, 'the size').to.equal(${check.text.length});`,
        `pm.expect(CryptoJS.MD5(text).toString(), 'the MD5').to.equal(${js(md5Hex(check.text))});`,
        `pm.expect(text).to.equal(${js(check.text)});`,
      ]);
  }
}

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** Whether a check reads the JSON body (a download's checks read the bytes). */
const readsJson = (check: WalkCheck) => check.kind !== 'bodyIs';

function schemaLines(request: WalkRequest, schemas: Record<string, Draft07Schema>): string[] {
  if (Object.keys(schemas).length === 0) return [];
  return [
    `// The ${request.operationId} response schemas of spec/, in draft-07 for the sandbox's ajv 6.`,
    ...`const schemas = ${JSON.stringify(schemas, null, 2)};`.split('\n'),
    'const schema = schemas[String(pm.response.code)];',
    'if (ok && schema) {',
    ...test(`the body matches its spec/ schema (${request.operationId})`, [
      "const Ajv = require('ajv');",
      'const ajv = new Ajv({ allErrors: true, logger: false });',
      'const valid = ajv.validate(schema, pm.response.json());',
      'pm.expect(valid, JSON.stringify(ajv.errors)).to.be.true;',
    ]).map((l) => `  ${l}`),
    '}',
  ];
}

function pollLines(poll: WalkPoll, checks: WalkCheck[]): string[] {
  const { attempt, maxAttempts } = POLL_VARIABLES;
  return [
    `// A wait (§11): while the status is one of \`while\`, ask again; stop at \`until\`, fail on anything else.`,
    `const poll = { until: ${js(poll.until)}, while: ${js(poll.while)} };`,
    `const attempt = Number(pm.collectionVariables.get(${js(attempt.key)}) || 0) + 1;`,
    `const maxAttempts = Number(pm.variables.get(${js(maxAttempts.key)}) || ${maxAttempts.value});`,
    'const seen = body || {};',
    'const status = seen.fileTransferStatus;',
    'if (ok && poll.while.indexOf(status) >= 0 && attempt < maxAttempts) {',
    `  pm.collectionVariables.set(${js(attempt.key)}, String(attempt));`,
    `  console.info(pm.info.requestName + ': ' + status + ', ask ' + attempt + ' of ' + maxAttempts + '; asking again');`,
    "  if (pm.execution && typeof pm.execution.setNextRequest === 'function') {",
    '    pm.execution.setNextRequest(pm.info.requestName);',
    '  } else {',
    '    postman.setNextRequest(pm.info.requestName);',
    '  }',
    '} else if (ok) {',
    `  pm.collectionVariables.set(${js(attempt.key)}, '0');`,
    ...test(poll.clause, [
      "const last = 'fileTransferStatus ' + status + ' (' + seen.fileTransferStatusText + ') after ' + attempt + ' answers';",
      'pm.expect(poll.until, last).to.include(status);',
    ]).map((l) => `  ${l}`),
    '  if (poll.until.indexOf(status) >= 0) {',
    ...checks.flatMap(checkLines).map((l) => `    ${l}`),
    '  }',
    '} else {',
    `  pm.collectionVariables.set(${js(attempt.key)}, '0');`,
    '}',
  ];
}

/** The test script of one request of the walk. */
export function testScript(
  request: WalkRequest,
  schemas: Record<string, Draft07Schema>,
  where: { method: string; path: string },
): string[] {
  const checks = request.checks ?? [];
  const json = request.poll !== undefined || checks.some(readsJson);
  return [
    `// ${request.operationId} as ${request.persona}: ${where.method} ${where.path}. Generated by \`npm run postman:export\`.`,
    `const expected = ${js(request.expect)};`,
    'const ok = expected.indexOf(pm.response.code) >= 0;',
    ...test(`status is ${request.expect.join(' or ')} (${request.clause})`, [
      'pm.expect(pm.response.code, pm.response.text().slice(0, 300)).to.be.oneOf(expected);',
    ]),
    ...schemaLines(request, schemas),
    ...(json
      ? ['let body;', 'try {', '  body = pm.response.json();', '} catch (e) {', '  body = undefined;', '}']
      : []),
    ...(request.poll
      ? pollLines(request.poll, checks)
      : checks.length > 0
        ? ['if (ok) {', ...checks.flatMap(checkLines).map((l) => `  ${l}`), '}']
        : []),
  ];
}

/** The pre-request script of a wait: no pause before the first ask, then a pause that doubles up to a cap. */
export function pollPrerequest(): string[] {
  const { attempt, firstDelayMs, maxDelayMs } = POLL_VARIABLES;
  return [
    `// Backoff between the asks of a wait (§11): no fixed sleep, ${firstDelayMs.value} ms doubling up to ${maxDelayMs.value} ms.`,
    `const attempt = Number(pm.collectionVariables.get(${js(attempt.key)}) || 0);`,
    'if (attempt > 0) {',
    `  const first = Number(pm.variables.get(${js(firstDelayMs.key)}) || ${firstDelayMs.value});`,
    `  const most = Number(pm.variables.get(${js(maxDelayMs.key)}) || ${maxDelayMs.value});`,
    '  // The sandbox finishes a script only when its timers have run, so this delays the request.',
    '  setTimeout(function () {}, Math.min(first * Math.pow(2, attempt - 1), most));',
    '}',
  ];
}
