/**
 * `npm run spec:check -- [SOURCE] [--lenient]`: loads an OpenAPI document the way the suite does
 * and prints what it found. Exit 0 when it loads, 2 when it does not.
 */
import { parseArgs } from 'node:util';
import { formatDefect } from '../spec/errors.js';
import { exitOnLoadError } from './load-error.js';
import { BUNDLED_SPEC, loadSpec } from '../spec/load.js';
import { HTTP_METHODS } from '../spec/types.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { lenient: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('usage: npm run spec:check -- [PATH|URL] [--lenient]   (default: the bundled spec)');
  process.exit(0);
}
// An empty BROKER_OPENAPI means unset (ENVIRONMENT.md: the default is the suite's own spec).
const source = positionals[0] || process.env.BROKER_OPENAPI || BUNDLED_SPEC;

try {
  const spec = await loadSpec(source, { lenient: values.lenient });
  const operations = Object.values(spec.document.paths ?? {}).flatMap((item) =>
    HTTP_METHODS.filter((m) => item[m] !== undefined),
  ).length;
  const list = (title: string, items: { message: string }[], fmt: (d: never) => string) => {
    if (items.length === 0) return;
    console.log(`${title} (${items.length}):`);
    for (const item of items) console.log(`  - ${fmt(item as never)}`);
  };
  list('repaired', spec.repairs, formatDefect);
  list('warnings', spec.warnings, formatDefect);
  list('read as OpenAPI 3.1', spec.translations, (t: { message: string }) => t.message);
  const webhooks = Object.keys(spec.document.webhooks ?? {}).length;
  console.log(
    `loaded ${source}: OpenAPI ${spec.document.openapi}, ${operations} operations, ${webhooks} webhooks`,
  );
} catch (error) {
  exitOnLoadError(error, values.lenient);
}
