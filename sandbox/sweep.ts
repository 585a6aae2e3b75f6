/**
 * The sandbox's files outlive a process that was killed outright (SIGKILL, a crashed runner): each
 * sandbox's directory under the system temp directory names its owner's pid, and a directory whose
 * owner is gone is removed by `broker-contract cleanup`. A directory without an owner file is left.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SANDBOX_DIR_PREFIX = 'broker-sandbox-';
export const SANDBOX_OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the sandbox directories whose owning process has ended; returns their paths. */
export async function sweepSandboxDirs(root: string = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [])) {
    if (!name.startsWith(SANDBOX_DIR_PREFIX)) continue;
    const dir = join(root, name);
    const owner = Number(await readFile(join(dir, SANDBOX_OWNER_FILE), 'utf8').catch(() => ''));
    if (!Number.isInteger(owner) || owner <= 0 || alive(owner)) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
