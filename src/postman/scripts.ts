/**
 * The JavaScript of the exported collection's test scripts, for the Postman sandbox (pm API, its
 * bundled ajv 6 and crypto-js): the answer and spec/ schema checks of every request, the walk's own
 * checks (walk.ts), its waits (waits.ts), and the end of the walk at the first step that fails, so
 * that no request follows with what the failed one should have given it. Issue 6.
 */
import { createHash } from 'node:crypto';
import type { Draft07Schema } from './schemas.js';
import { check, indent, js, setNextRequest } from './script-text.js';
import { POLL_VARIABLES, waitOutcome, waitState } from './waits.js';
import { answerText, type WalkCheck, type WalkRequest } from './walk.js';

const property = (name: string): string => `body[${js(name)}]`;

function checkLines(c: WalkCheck): string[] {
  switch (c.kind) {
    case 'capture':
      return check(`captures ${c.variable}`, [
        `pm.expect(${property(c.property)}, ${js(c.property)}).to.be.a('string').and.not.empty;`,
        `pm.collectionVariables.set(${js(c.variable)}, ${property(c.property)});`,
      ]);
    case 'sameAsVariable':
      return check(c.clause, [
        `pm.expect(String(${property(c.property)}).toLowerCase()).to.equal(String(pm.variables.get(${js(c.variable)})).toLowerCase());`,
      ]);
    case 'listsVariable':
      return check(c.clause, [
        `const wanted = String(pm.variables.get(${js(c.variable)})).toLowerCase();`,
        `pm.expect(body.map(function (id) { return String(id).toLowerCase(); })).to.include(wanted);`,
      ]);
    case 'equals':
      return check(c.clause, [
        `pm.expect(${property(c.property)}, ${js(c.property)}).to.eql(${js(c.value)});`,
      ]);
    case 'recipientStatus':
      return check(c.clause, [
        '// §11: org numbers are compared after everything up to the last colon.',
        `const party = String(pm.variables.get(${js(c.partyVariable)})).split(':').pop();`,
        `const entry = (body.recipients || []).find(function (r) { return String(r.recipient).split(':').pop() === party; });`,
        `pm.expect(entry, 'the recipients entry of ' + party).to.be.an('object');`,
        `pm.expect(entry.currentRecipientFileTransferStatusCode).to.equal(${js(c.status)});`,
      ]);
    case 'bodyIs':
      return check(c.clause, [
        "const CryptoJS = require('crypto-js');",
        'const text = pm.response.text();',
        `pm.expect(text.length, 'the size').to.equal(${c.text.length});`,
        `pm.expect(CryptoJS.MD5(text).toString(), 'the MD5').to.equal(${js(md5Hex(c.text))});`,
        `pm.expect(text).to.equal(${js(c.text)});`,
      ]);
  }
}

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function schemaLines(request: WalkRequest, schemas: Record<string, Draft07Schema>): string[] {
  if (Object.keys(schemas).length === 0) return [];
  return [
    `// The ${request.operationId} response schemas of spec/, in draft-07 for the sandbox's ajv 6.`,
    ...`const schemas = ${JSON.stringify(schemas, null, 2)};`.split('\n'),
    'const schema = schemas[String(pm.response.code)];',
    'if (ok && schema) {',
    ...indent(
      check(`the body matches its spec/ schema (${request.operationId})`, [
        "const Ajv = require('ajv');",
        'const ajv = new Ajv({ allErrors: true, logger: false });',
        'const valid = ajv.validate(schema, pm.response.json());',
        'pm.expect(valid, JSON.stringify(ajv.errors)).to.be.true;',
      ]),
    ),
    '}',
  ];
}

/**
 * The opening of every test script: the body, the answer as the walk names answers (§2.1: a Broker
 * error is its status and its `code`), whether it passes, and `check`, a `pm.test` that notes failure.
 */
function answerLines(request: WalkRequest): string[] {
  return [
    'let body;',
    'try {',
    '  body = pm.response.json();',
    '} catch (e) {',
    '  body = undefined;',
    '}',
    '// §2.1: a Broker error is told by its status and its `code`.',
    "const code = pm.response.code >= 400 && body && typeof body.code === 'string' ? body.code : '';",
    "const answer = String(pm.response.code) + (code ? ' ' + code : '');",
    `const passes = ${js(request.expect.map(answerText))};`,
    'const ok = passes.indexOf(answer) >= 0;',
    'let failed = false;',
    'function check(name, assertions) {',
    '  pm.test(name, function () {',
    '    try {',
    '      assertions();',
    '    } catch (e) {',
    '      failed = true;',
    '      throw e;',
    '    }',
    '  });',
    '}',
  ];
}

/** The test script of one request of the walk. */
export function testScript(
  request: WalkRequest,
  schemas: Record<string, Draft07Schema>,
  where: { method: string; path: string },
): string[] {
  const checks = (request.checks ?? []).flatMap(checkLines);
  const statusTest = check(`status is ${request.expect.map(answerText).join(' or ')} (${request.clause})`, [
    'pm.expect(answer, pm.response.text().slice(0, 300)).to.be.oneOf(passes);',
  ]);
  return [
    `// ${request.operationId} as ${request.persona}: ${where.method} ${where.path}. Generated by \`npm run postman:export\`.`,
    ...answerLines(request),
    ...(request.poll
      ? [...waitState(request.poll), 'if (!waiting) {', ...indent(statusTest), '}']
      : statusTest),
    ...schemaLines(request, schemas),
    ...(request.poll
      ? waitOutcome(request.poll, checks)
      : checks.length > 0
        ? ['if (ok) {', ...indent(checks), '}']
        : []),
    ...(request.remember ? [`pm.collectionVariables.set(${js(request.remember)}, answer);`] : []),
    '// A failed step ends the walk: the requests after it need what it should have given.',
    'if (failed) {',
    `  pm.collectionVariables.set(${js(POLL_VARIABLES.attempt.key)}, '0');`,
    "  console.warn(pm.info.requestName + ': failed (' + answer + '); the walk ends here');",
    ...indent(setNextRequest('null')),
    '}',
  ];
}
