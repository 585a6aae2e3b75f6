#!/usr/bin/env node
// Part of the project's set-up (`npm test` runs it first): the HTML report is tested in a real
// headless Chromium, Debian's `chromium` package driven by playwright-core, because no browser can be
// downloaded on the machines this runs on. Installs the package when it is missing and this process
// may (root, apt-get present); otherwise says what to run, and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.BROKER_CONTRACT_CHROMIUM || '/usr/bin/chromium';

function apt(args) {
  execFileSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!root || !hasApt) {
    console.error(
      `ensure-browser: no Chromium at ${CHROMIUM}, and this process cannot install it ` +
        `(${root ? 'no apt-get' : 'not root'}). Install Debian's package: sudo apt-get install -y chromium ` +
        '(or set BROKER_CONTRACT_CHROMIUM to a Chromium binary).',
    );
    process.exit(1);
  }
  console.log('ensure-browser: installing Debian chromium for the HTML report test');
  try {
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
}
