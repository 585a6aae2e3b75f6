/**
 * `npm run generate`: writes generated/broker-api.ts from spec/broker-api.yaml with openapi-typescript.
 * `--check` writes nothing and exits 1 when the checked-in file differs (the test command runs it).
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLED_SPEC, loadSpec } from '../spec/load.js';
import { exitOnLoadError } from './load-error.js';

const DEFAULT_TARGET = fileURLToPath(new URL('../../generated/broker-api.ts', import.meta.url));
const HEADER = `/**
 * Generated from spec/broker-api.yaml by \`npm run generate\` (openapi-typescript). Do not edit:
 * change the spec and run the command again. \`npm test\` fails when this file is stale.
 */

`;

export async function generateTypes(): Promise<string> {
  // Load through our own loader first, so a broken spec stops here with located defects.
  await loadSpec(BUNDLED_SPEC);
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
  if (values.check) {
    const current = await readFile(TARGET, 'utf8').catch(() => '');
    if (current !== generated) {
      console.error(
        'generated/broker-api.ts is stale: it does not match spec/broker-api.yaml. Run `npm run generate`.',
      );
      process.exit(1);
    }
    console.log(`${TARGET} is up to date`);
  } else {
    await writeFile(TARGET, generated);
    console.log(`wrote ${TARGET}`);
  }
} catch (error) {
  exitOnLoadError(error, false);
}
