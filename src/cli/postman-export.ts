/**
 * `npm run postman:export`: writes the getting-started walk as a Postman v2.1 collection and its
 * environment to postman/ (issue 6). `--out DIR` writes elsewhere; `--check` writes nothing and exits 1
 * when the files in postman/ (or DIR) are stale, as `generate:check` does for the generated types.
 */
import { parseArgs } from 'node:util';
import {
  buildPostmanExport,
  POSTMAN_DIR,
  renderPostmanExport,
  stalePostmanFiles,
  writePostmanExport,
} from '../postman/export.js';
import { BUNDLED_SPEC, loadSpec } from '../spec/load.js';
import { exitOnLoadError } from './load-error.js';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    out: { type: 'string', default: POSTMAN_DIR },
  },
});
const dir = values.out;
try {
  const files = await renderPostmanExport(buildPostmanExport(await loadSpec(BUNDLED_SPEC)));
  if (values.check) {
    const stale = await stalePostmanFiles(files, dir);
    if (stale.length > 0) {
      console.error(
        `stale Postman export, not what spec/ and src/postman/walk.ts give:\n  ${stale.join('\n  ')}\n` +
          'Run `npm run postman:export` and commit the files.',
      );
      process.exit(1);
    }
    console.log(`the Postman export in ${dir} is up to date`);
  } else {
    for (const path of await writePostmanExport(files, dir)) console.log(`wrote ${path}`);
  }
} catch (error) {
  exitOnLoadError(error, false);
}
