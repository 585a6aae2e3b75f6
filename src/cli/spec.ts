/**
 * `broker-contract spec lint|diff`: the OpenAPI document on its own. `lint [PATH|URL]` loads it the
 * way the suite does and says what it found (exit 0 when it loads, 2 when it does not); `diff OLD
 * NEW` classifies each change between two documents as breaking or not (exit 1 on a breaking change).
 */
import { diffSpecs } from '../spec/diff.js';
import { diffExitCode, formatDiffTable } from '../spec/diff-format.js';
import { formatDefect } from '../spec/errors.js';
import { BUNDLED_SPEC, loadSpec, type LoadedSpec } from '../spec/load.js';
import { HTTP_METHODS } from '../spec/types.js';
import { parseCommandArgs, UsageError, type Command } from './command.js';

const USAGE = `usage: broker-contract spec lint [PATH|URL] [--lenient]
       broker-contract spec diff OLD NEW [--lenient]

  lint    load a document the way the suite does (default: BROKER_OPENAPI, else the bundled
          spec/broker-api.yaml) and list what was repaired, warned and translated; exit 2 when it
          does not load
  diff    compare two documents (paths or URLs); exit 1 on a breaking change
  --lenient   repair what can be repaired (trailing commas, …) instead of stopping`;

async function lint(source: string, lenient: boolean): Promise<number> {
  const spec = await loadSpec(source, { lenient });
  const operations = Object.values(spec.document.paths ?? {}).flatMap((item) =>
    HTTP_METHODS.filter((m) => item[m] !== undefined),
  ).length;
  const list = <T>(title: string, items: T[], fmt: (item: T) => string) => {
    if (items.length === 0) return;
    console.log(`${title} (${items.length}):`);
    for (const item of items) console.log(`  - ${fmt(item)}`);
  };
  list('repaired', spec.repairs, formatDefect);
  list('warnings', spec.warnings, formatDefect);
  list('read as OpenAPI 3.1', spec.translations, (t) => t.message);
  const webhooks = Object.keys(spec.document.webhooks ?? {}).length;
  console.log(
    `loaded ${source}: OpenAPI ${spec.document.openapi}, ${operations} operations, ${webhooks} webhooks`,
  );
  return 0;
}

async function diff(oldSource: string, newSource: string, lenient: boolean): Promise<number> {
  const load = async (source: string): Promise<LoadedSpec> => {
    const spec = await loadSpec(source, { lenient });
    const [first] = spec.repairs;
    if (first)
      console.error(
        `${source}: loaded after ${spec.repairs.length} repair(s); the first: ${formatDefect(first)}`,
      );
    return spec;
  };
  const [before, after] = await Promise.all([load(oldSource), load(newSource)]);
  const changes = diffSpecs(before.document, after.document);
  console.log(`${oldSource} → ${newSource}`);
  console.log(formatDiffTable(changes, { color: process.stdout.isTTY }));
  return diffExitCode(changes);
}

export const command: Command = {
  name: 'spec',
  summary: 'lint an OpenAPI document, or diff two and find the breaking changes',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { lenient: { type: 'boolean', default: false } },
      true,
    );
    const [action, ...documents] = positionals;
    if (action === 'lint') {
      if (documents.length > 1)
        throw new UsageError(`spec lint takes at most one document, got ${documents.length}`);
      // An empty BROKER_OPENAPI means unset (ENVIRONMENT.md: the default is the suite's own spec).
      return lint(documents[0] || process.env.BROKER_OPENAPI || BUNDLED_SPEC, values.lenient);
    }
    if (action === 'diff') {
      const [before, after] = documents;
      if (documents.length !== 2 || before === undefined || after === undefined)
        throw new UsageError(`spec diff needs exactly two documents, got ${documents.length}`);
      return diff(before, after, values.lenient);
    }
    throw new UsageError(
      action === undefined ? 'spec needs lint or diff' : `unknown spec action '${action}'`,
    );
  },
};
