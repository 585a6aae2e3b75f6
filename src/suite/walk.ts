/**
 * What the file transfer walks (suites/03b, 05a, 05b) need beyond the one-liners of transfers.ts: an
 * initialize that may be refused by the environment, the recipients list read by persona, and the
 * event checks that span several copies (CONTRACT.md §6.1, §6.3) or set an event against the history
 * (§6.1, §6.2).
 */
import { expect } from '@jest/globals';
import {
  CLOCK_ALLOWANCE_MS,
  DISTINCT_EVENTS_POLL_MS,
  POLL_FIRST_DELAY_MS,
  POLL_MAX_DELAY_MS,
} from '../defaults.js';
import { ContractError, WaitTimeoutError } from '../errors.js';
import { assertValid, correlate, defaultStatusOf, describeEvent, describeFilter } from '../events/expect.js';
import { fullEventType, type EventFilter, type ReceivedEvent } from '../events/types.js';
import { orgKey } from '../lifecycle/timeline.js';
import { parseTimestamp, toEpochMs } from '../lifecycle/timestamps.js';
import type { PersonaName } from '../profile/types.js';
import type { SuiteContext } from './context.js';
import { skip } from './steps.js';
import {
  API,
  details,
  expectBody,
  INITIALIZE,
  initializeBody,
  overview,
  timelineOf,
  type Overview,
  type TransferOptions,
} from './transfers.js';

/** §5.2: the fixed texts of statuses that never carry a detailed text (only Failed rows do). */
export const FIXED_STATUS_TEXT = {
  Initialized: 'Ready for upload',
  Published: 'Ready for download',
  AllConfirmedDownloaded: 'All downloaded',
  Purged: 'FileTransfer has been purged',
} as const;

/** How long an "exactly once" check waits for a second copy: the sandbox delivers in milliseconds. */
export const settleMs = (ctx: SuiteContext): number => ctx.quietMs;

/** An RFC 3339 time as epoch ms (seven fractional digits included, §1); undefined when absent or unreadable. */
export function epochMs(text: string | null | undefined): number | undefined {
  const instant = text ? parseTimestamp(text) : undefined;
  return instant && toEpochMs(instant);
}

/** The recipient entry of `persona` in an overview or details body (org numbers compared bare, §11). */
export function recipientOf(ctx: SuiteContext, body: Pick<Overview, 'recipients'>, persona: PersonaName) {
  return body.recipients.find((r) => orgKey(r.recipient) === ctx.org(persona));
}

/** `persona`'s current (highest, §4.5) recipient status code, or undefined when it is not listed. */
export function recipientStatus(ctx: SuiteContext, body: Pick<Overview, 'recipients'>, persona: PersonaName) {
  return recipientOf(ctx, body, persona)?.currentRecipientFileTransferStatusCode;
}

/** Ends the test as skipped when two personas act for one organisation: the walk needs them apart. */
export function requireDistinctOrgs(ctx: SuiteContext, personas: PersonaName[]): void {
  const orgs = new Set(personas.map((p) => ctx.org(p)));
  if (orgs.size < personas.length) {
    skip(`${personas.join(', ')} do not act for distinct organisations in this environment`);
  }
}

/**
 * Initialize as SENDER, where the environment may refuse a recipient (§4.1 rows 1, 6, 7: 401, 403,
 * 400 BRO-00028): then the test is skipped with `gap` as the reason, since that is a set-up matter.
 */
export async function initializeOrSkip(ctx: SuiteContext, options: TransferOptions, gap: string) {
  ctx.requireWrites();
  const { data, error, response } = await ctx.broker
    .as('SENDER')
    .POST(`${API}/filetransfer`, { body: initializeBody(ctx, options) });
  const code = (error as { code?: unknown } | undefined)?.code;
  if (response.status === 401 || response.status === 403 || code === 'BRO-00028') {
    skip(`${gap} (initialize answered ${response.status}${typeof code === 'string' ? ` ${code}` : ''})`);
  }
  expect(response.status).toBe(200);
  return expectBody(data, INITIALIZE).fileTransferId;
}

/** Confirm answers 204 upstream; the Bruno collection expects 200 (unsure, §13.3): both pass. */
export function expectConfirmed(response: Response): void {
  expect([200, 204]).toContain(response.status);
}

/**
 * An event must not come before the transition it reports (§6.1): no status poll sent after it
 * arrived may show an earlier status (`correlate`), and its send `time` (§6.2) may not precede the
 * history row of that status. Events reporting no transfer status (downloadconfirmed) pass.
 */
export async function expectAfterTransition(ctx: SuiteContext, event: ReceivedEvent): Promise<void> {
  const id = event.resourceinstance ?? '';
  correlate(event, timelineOf(id).observations);
  const reported = event.type === undefined ? undefined : defaultStatusOf(event.type);
  if (reported === undefined) return;
  const rows = (await details(ctx, id)).fileTransferStatusHistory.filter(
    (r) => r.fileTransferStatus === reported,
  );
  const sent = parseTimestamp(String(event.event.time));
  const row = rows.map((r) => parseTimestamp(r.fileTransferStatusChanged)).find((at) => at !== undefined);
  if (!sent || !row || toEpochMs(sent) + CLOCK_ALLOWANCE_MS >= toEpochMs(row)) return;
  throw new ContractError(
    'EVENT_BEFORE_TRANSITION',
    `event ${describeEvent(event)} was sent at ${String(event.event.time)}, before transfer ${id} ` +
      `became ${reported} at ${rows[0]?.fileTransferStatusChanged ?? '?'} (CONTRACT.md §6.1: an event is ` +
      `enqueued when its status is written; §6.2: time is when it is sent)`,
    { fileTransferId: id, eventId: event.id, type: event.type, expected: `${reported} or later` },
  );
}

/** None of `subject`'s events about `id` arrived before a poll still showed it unpublished (§5.7). */
export async function expectNothingBeforePublication(ctx: SuiteContext, id: string, subject: string) {
  const arrived = await ctx.events().client.events({ resourceinstance: id, subject });
  for (const event of arrived) correlate(event, timelineOf(id).observations, { statusOf: () => 'Published' });
}

/**
 * Exactly `count` logical events match (§6.3: copies under one id are redeliveries; another id is
 * another event): waits for them, then `settleMs` more for one too many.
 */
export async function expectDistinct(
  ctx: SuiteContext,
  given: EventFilter,
  count: number,
): Promise<ReceivedEvent[]> {
  const events = ctx.events();
  const filter = given.type === undefined ? given : { ...given, type: fullEventType(given.type) };
  const started = Date.now();
  await events.expect(filter);
  let all = await events.client.events(filter);
  while (all.length < count && Date.now() - started < ctx.profile.timing.eventTimeoutMs) {
    await pause(DISTINCT_EVENTS_POLL_MS);
    all = await events.client.events(filter);
  }
  await pause(settleMs(ctx));
  all = (await events.client.events(filter)).map(assertValid);
  const what = `${count} distinct ${describeFilter(filter)}`;
  const list = all.map((e) => `\n  - ${describeEvent(e)}`).join('');
  if (all.length < count) {
    throw new WaitTimeoutError(
      'EVENT_TIMEOUT',
      `expected ${what} within ${ctx.profile.timing.eventTimeoutMs} ms, got ${all.length}:${list}`,
      all,
      Date.now() - started,
    );
  }
  if (all.length > count) {
    throw new ContractError(
      'EVENT_DUPLICATE',
      `expected ${what}, got ${all.length}; retries must reuse the id (CONTRACT.md §6.1, §6.3):${list}`,
      {
        fileTransferId: filter.resourceinstance,
        type: filter.type,
        expected: count,
        actual: all.map((e) => e.id),
      },
    );
  }
  return all;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `checksum` once the Broker knows it (§5.4: possibly only after publication), polled up to the poll timeout. */
export async function checksumOnceKnown(ctx: SuiteContext, id: string): Promise<string | null> {
  const deadline = Date.now() + ctx.profile.timing.pollTimeoutMs;
  let body = await overview(ctx, id);
  for (
    let delay = POLL_FIRST_DELAY_MS;
    !body.checksum && Date.now() < deadline;
    delay = Math.min(delay * 2, POLL_MAX_DELAY_MS)
  ) {
    await pause(delay);
    body = await overview(ctx, id);
  }
  return body.checksum;
}

/** Search as `persona` finds `id` (§7); a PDP that wants read and write for search skips (§13 item 9). */
export async function expectFoundBySearch(
  ctx: SuiteContext,
  id: string,
  persona: PersonaName,
): Promise<void> {
  const { data, error, response } = await ctx.broker.as(persona).GET(`${API}/filetransfer`, {
    params: { query: { resourceId: ctx.profile.resourceId, status: 'Published', role: 'Recipient' } },
  });
  if (response.status === 401 && (error as { code?: unknown } | undefined)?.code === 'BRO-00006') {
    skip(`${persona} may not search here: the policy wants read and write for search (§3.5, §13 item 9)`);
  }
  expect(response.status).toBe(200);
  expect((data ?? []).map((found) => found.toLowerCase())).toContain(id.toLowerCase());
}
