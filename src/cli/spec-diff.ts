/**
 * `npm run spec:diff -- OLD NEW [--lenient]`: compares two OpenAPI documents (paths or URLs) and
 * classifies each change as breaking or not. Exit 1 on a breaking change, 2 when a document
 * cannot be loaded, 0 otherwise.
 */
import { parseArgs } from 'node:util';
import { diffSpecs } from '../spec/diff.js';
import { diffExitCode, formatDiffTable } from '../spec/diff-format.js';
import { formatDefect } from '../spec/errors.js';
import { exitOnLoadError } from './load-error.js';
import { loadSpec, type LoadedSpec } from '../spec/load.js';

const USAGE = 'usage: npm run spec:diff -- OLD NEW [--lenient]   (OLD and NEW are paths or URLs)';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { lenient: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
});
if (values.help || positionals.length !== 2) {
  console.error(
    values.help ? USAGE : `spec:diff needs exactly two documents, got ${positionals.length}.\n${USAGE}`,
  );
  process.exit(values.help ? 0 : 2);
}

async function load(source: string): Promise<LoadedSpec> {
  const spec = await loadSpec(source, { lenient: values.lenient });
  const [first] = spec.repairs;
  if (first)
    console.error(
      `${source}: loaded after ${spec.repairs.length} repair(s); the first: ${formatDefect(first)}`,
    );
  return spec;
}

try {
  const [oldSpec, newSpec] = await Promise.all([load(positionals[0] ?? ''), load(positionals[1] ?? '')]);
  const changes = diffSpecs(oldSpec.document, newSpec.document);
  console.log(`${positionals[0]} → ${positionals[1]}`);
  console.log(formatDiffTable(changes, { color: process.stdout.isTTY }));
  process.exit(diffExitCode(changes));
} catch (error) {
  exitOnLoadError(error, values.lenient);
}
