/**
 * `npm run generate`: writes generated/broker-api.ts from spec/broker-api.yaml with openapi-typescript,
 * and generated/spec-verified.json, the record that swagger-parser passed the spec's text
 * (src/spec/verified.ts). `--check` writes nothing and exits 1 when either checked-in file differs (the
 * test command runs it).
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLED_SPEC, loadSpec } from '../spec/load.js';
import { alreadyVerified, VERIFIED_FILE, verifiedRecord } from '../spec/verified.js';
import { exitOnLoadError } from './load-error.js';

const DEFAULT_TARGET = fileURLToPath(new URL('../../generated/broker-api.ts', import.meta.url));
const HEADER = `/**
 * Generated from spec/broker-api.yaml by \`npm run generate\` (openapi-typescript). Do not edit:
 * change the spec and run the command again. \`npm test\` fails when this file is stale.
 */

`;

export async function generateTypes(): Promise<string> {
  // Load through our own loader first, so a broken spec stops here with located defects; swagger-parser
  // checks it whatever the record says, since this writes the record.
  await loadSpec(BUNDLED_SPEC, { recheck: true });
  const ast = await openapiTS(pathToFileURL(BUNDLED_SPEC), { alphabetize: false, immutable: false });
  return HEADER + astToString(ast);
}

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    target: { type: 'string', default: DEFAULT_TARGET },
  },
});
const TARGET = values.target;
try {
  const generated = await generateTypes();
  const text = await readFile(BUNDLED_SPEC, 'utf8');
  if (values.check) {
    const current = await readFile(TARGET, 'utf8').catch(() => '');
    if (current !== generated) {
      console.error(
        'generated/broker-api.ts is stale: it does not match spec/broker-api.yaml. Run `npm run generate`.',
      );
      process.exit(1);
    }
    if (!alreadyVerified(text)) {
      console.error(
        'generated/spec-verified.json is stale: spec/broker-api.yaml or swagger-parser changed since it was written. Run `npm run generate`.',
      );
      process.exit(1);
    }
    console.log(`${TARGET} and ${VERIFIED_FILE} are up to date`);
  } else {
    await writeFile(TARGET, generated);
    await writeFile(VERIFIED_FILE, `${JSON.stringify(verifiedRecord(text), null, 2)}\n`);
    console.log(`wrote ${TARGET} and ${VERIFIED_FILE}`);
  }
} catch (error) {
  exitOnLoadError(error, false);
}
