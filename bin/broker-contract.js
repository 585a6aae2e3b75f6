#!/usr/bin/env node
// The `broker-contract` command: registers tsx's loader in this process (no child process, so a
// signal sent to this pid reaches the code that cleans up) and hands the arguments to src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exit(await main(process.argv.slice(2)));
