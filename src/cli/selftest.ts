/**
 * `npm run selftest`: the suite against the conformant sandbox and against each fault of its
 * catalogue, with a matrix of killed and survived faults and the tests that caught each. Exits 1 when
 * the conformant run fails or any fault survives. `--fault NAME` (repeatable) runs some faults only.
 */
import { parseArgs } from 'node:util';
import { selftest } from '../run/selftest.js';

const { values } = parseArgs({
  options: {
    fault: { type: 'string', multiple: true },
    parallel: { type: 'string', default: '2' },
  },
});
const parallel = Number(values.parallel);
if (!Number.isInteger(parallel) || parallel < 1) {
  console.error(`--parallel must be a whole number ≥ 1, got '${values.parallel}'`);
  process.exit(2);
}
try {
  const result = await selftest({ ...(values.fault ? { faults: values.fault } : {}), parallel });
  console.log('');
  for (const v of result.verdicts) {
    console.log(
      `${v.killed ? 'killed  ' : 'SURVIVED'}  ${v.fault.padEnd(28)} ${v.caughtBy.slice(0, 2).join(' | ')}`,
    );
  }
  console.log(
    `\n${result.verdicts.length - result.survivors.length} of ${result.verdicts.length} faults killed; matrix: ${result.matrixFile}`,
  );
  process.exit(result.failedBaseline.length > 0 || result.survivors.length > 0 ? 1 : 0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
