/**
 * `broker-contract selftest` (`npm run selftest`): the suite against the conformant sandbox and
 * against each fault of its catalogue, with a matrix of killed and survived faults and the tests that
 * caught each. Exits 1 when the conformant run fails or any fault survives. `--fault NAME`
 * (repeatable) runs some faults only.
 */
import { selftest } from '../run/selftest.js';
import { parseCommandArgs, wholeNumber, type Command } from './command.js';

const USAGE = `usage: broker-contract selftest [--fault NAME]... [--parallel N]

Runs the suite against the conformant sandbox and against each sandbox fault; exit 1 when the
conformant run fails or a fault survives. The matrix is written to reports/selftest.md.
  --fault NAME    run this fault only (repeatable; default every fault of the catalogue)
  --parallel N    faulty sandboxes checked at a time (default 2)`;

export const command: Command = {
  name: 'selftest',
  summary: 'prove the suite: the conformant sandbox must pass and every sandbox fault must be caught',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      fault: { type: 'string', multiple: true },
      parallel: { type: 'string', default: '2' },
    });
    const parallel = wholeNumber('parallel', values.parallel, 1);
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
    return result.failedBaseline.length > 0 || result.survivors.length > 0 ? 1 : 0;
  },
};
