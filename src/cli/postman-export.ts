/**
 * `broker-contract postman-export` (`npm run postman:export`): writes the getting-started walk as a
 * Postman v2.1 collection and its environment to postman/. `--out DIR` writes elsewhere; `--check`
 * writes nothing and exits 1 when the files in postman/ (or DIR) are stale, as `generate:check` does
 * for the generated types.
 */
import {
  buildPostmanExport,
  POSTMAN_DIR,
  renderPostmanExport,
  stalePostmanFiles,
  writePostmanExport,
} from '../postman/export.js';
import { BUNDLED_SPEC, loadSpec } from '../spec/load.js';
import { parseCommandArgs, type Command } from './command.js';

const USAGE = `usage: broker-contract postman-export [--out DIR] [--check]

Writes the getting-started walk as a Postman v2.1 collection and environment.
  --out DIR   where to write (default ${POSTMAN_DIR})
  --check     write nothing; exit 1 when the files there are stale`;

export const command: Command = {
  name: 'postman-export',
  summary: 'write the getting-started walk as a Postman collection (or --check that it is current)',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      check: { type: 'boolean', default: false },
      out: { type: 'string', default: POSTMAN_DIR },
    });
    const dir = values.out;
    const files = await renderPostmanExport(buildPostmanExport(await loadSpec(BUNDLED_SPEC)));
    if (!values.check) {
      for (const path of await writePostmanExport(files, dir)) console.log(`wrote ${path}`);
      return 0;
    }
    const stale = await stalePostmanFiles(files, dir);
    if (stale.length > 0) {
      console.error(
        `stale Postman export, not what spec/ and src/postman/walk.ts give:\n  ${stale.join('\n  ')}\n` +
          'Run `npm run postman:export` and commit the files.',
      );
      return 1;
    }
    console.log(`the Postman export in ${dir} is up to date`);
    return 0;
  },
};
