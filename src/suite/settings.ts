/**
 * Writing the shared resource's settings for the length of one check, then putting back what was
 * there (CONTRACT.md §4.10, §8.2). The settings phase runs these alone (src/run/phases.ts), so nothing
 * else observes the change. A setting cannot be reset to null through the API (§8.2): a null read is
 * written back as the value that applies while it is null, an empty `requiredParty` stands for unset,
 * and what could not be put back exactly is said, for the report.
 */
import { fileURLToPath } from 'node:url';
import { SuiteError } from '../errors.js';
import { recordChange } from '../report/side-channel.js';
import { markReleased } from '../run/phase-release.mjs';
import {
  DEFAULT_GRACE_MS,
  DEFAULT_TTL_MS,
  expectConfigured,
  MAX_FILE_TRANSFER_SIZE,
  putResource,
  readResource,
  timeSpanMsOr,
  type ResourceOverview,
  type ResourceSettings,
} from './admin.js';
import { isoDuration } from './durations.js';
import type { SuiteContext } from './context.js';

export type SettingName = keyof ResourceSettings;

export interface Restoration {
  /** The PUT body that writes back each changed setting. */
  body: ResourceSettings;
  /** What that body cannot put back exactly, a sentence each. */
  inexact: string[];
}

/** The body that puts back `changed` as `before` had them, and what it cannot (§8.2). */
export function restoration(before: ResourceOverview, changed: readonly SettingName[]): Restoration {
  const body: Record<string, unknown> = {};
  const inexact: string[] = [];
  const fields = new Set(changed);
  // §4.10 row 0: the shim cannot be switched on without both legacy codes in the same body.
  if (fields.has('useManifestFileShim') && before.useManifestFileShim) {
    fields.add('externalServiceCodeLegacy');
    fields.add('externalServiceEditionCodeLegacy');
  }
  for (const field of fields) {
    const value = before[field];
    if (value !== null) {
      body[field] =
        field === 'fileTransferTimeToLive' || field === 'purgeFileTransferGracePeriod'
          ? isoDuration(timeSpanMsOr(value as string, 0))
          : value;
      continue;
    }
    switch (field) {
      case 'fileTransferTimeToLive':
        body[field] = isoDuration(DEFAULT_TTL_MS);
        inexact.push(`fileTransferTimeToLive was unset (30 days apply); written back as P30D (§8.2, §8.3)`);
        break;
      case 'purgeFileTransferGracePeriod':
        body[field] = isoDuration(DEFAULT_GRACE_MS);
        inexact.push(
          `purgeFileTransferGracePeriod was unset (2 hours apply); written back as PT2H (§8.2, §8.3)`,
        );
        break;
      case 'maxFileTransferSize':
        body[field] = MAX_FILE_TRANSFER_SIZE;
        inexact.push(
          `maxFileTransferSize was unset; written back as ${MAX_FILE_TRANSFER_SIZE}, the largest allowed (§8.2)`,
        );
        break;
      case 'requiredParty':
        body[field] = '';
        inexact.push(`requiredParty was unset; written back as "", which counts as unset (§8.2)`);
        break;
      default:
        inexact.push(`${field} was unset and cannot be set back to null; left as this run wrote it (§8.2)`);
    }
  }
  return { body: body as ResourceSettings, inexact };
}

type Put = Awaited<ReturnType<typeof putResource>>;

/** This file's writes not yet put back; while there is one, `releaseSettings` does not release. */
let unrestored = 0;
/** Set by `releaseSettings`: the file has said it writes no more. */
let released = false;

/** Settings written for as long as the caller needs: `put` is the PUT's answer, `restore` puts back. */
export interface HeldSettings {
  put: Put;
  /** The resource as read before the PUT. */
  before: ResourceOverview;
  /** Writes back what the PUT changed (nothing when it was refused); once, however often called. */
  restore(): Promise<void>;
}

/**
 * Writes `patch` to the resource until `restore()` is called (in an afterAll, so that it runs whatever
 * the clauses did). A refused PUT changed nothing (§4.10), so there is nothing to put back.
 */
export async function holdSettings(ctx: SuiteContext, patch: ResourceSettings): Promise<HeldSettings> {
  if (released)
    throw new SuiteError(
      'SUITE_STEP_ORDER',
      `this file released the settings phase and then wrote ${Object.keys(patch).join(', ')}: ` +
        'write every setting before releaseSettings',
      { setting: Object.keys(patch) },
    );
  const before = await readResource(ctx);
  const put = await putResource(ctx, patch);
  if (!put.response.ok) return { put, before, restore: async () => undefined };
  unrestored += 1;
  let restored = false;
  return {
    put,
    before,
    async restore() {
      if (restored) return;
      await restore(ctx, before, Object.keys(patch) as SettingName[]);
      restored = true;
      unrestored -= 1;
    },
  };
}

/**
 * Runs `check` with `patch` written to the resource, then writes back the settings it changed, whether
 * the check passed or not. The PUT's answer is handed to `check`, which judges it; a refused PUT
 * changed nothing (§4.10), so nothing is written back.
 */
export async function withSettings<T>(
  ctx: SuiteContext,
  patch: ResourceSettings,
  check: (put: Put, before: ResourceOverview) => Promise<T> | T,
): Promise<T> {
  const held = await holdSettings(ctx, patch);
  try {
    return await check(held.put, held.before);
  } finally {
    await held.restore();
  }
}

/**
 * Says that this suite file (`fileUrl`: its `import.meta.url`) writes no setting again and has put
 * back all it wrote, so the run's next phase may start beside what the file still checks: waiting for
 * a purge, say (src/run/phase-release.mjs). While a write is not put back (a restore failed) it says
 * nothing, and the next phase waits for the file's end as before. A write after it throws.
 */
export function releaseSettings(fileUrl: string): void {
  released = true;
  if (unrestored === 0) markReleased(process.env, fileURLToPath(fileUrl));
}

/** Writes back `changed` as `before` had them; what cannot be put back exactly goes to the report. */
export async function restore(
  ctx: SuiteContext,
  before: ResourceOverview,
  changed: readonly SettingName[],
): Promise<void> {
  const { body, inexact } = restoration(before, changed);
  if (Object.keys(body).length === 0) return;
  expectConfigured(await putResource(ctx, body));
  for (const sentence of inexact) recordChange(ctx.reportDir, `${ctx.profile.resourceId}: ${sentence}`);
}
