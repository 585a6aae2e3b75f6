/**
 * Initialize, overview, details and search (CONTRACT.md §4.1, §4.5–4.7, §7), each in upstream's
 * check order.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Caller } from '../auth/tokens.js';
import { API_PREFIX, type RouteContext } from './context.js';
import {
  FILE_STATUSES,
  RECIPIENT_STATUSES,
  actor,
  currentStatus,
  latestRecipientStatus,
  orgOf,
  recipientSummary,
  type FileStatus,
  type RecipientStatus,
  type Transfer,
} from './model.js';
import { sendBrokerError, sendValidationProblem } from './problem.js';
import { bindKeys, readBody, validationErrors } from './request-body.js';
import type { IncomingMessage } from 'node:http';

const INITIALIZE_FIELDS = [
  'fileName',
  'resourceId',
  'sendersFileTransferReference',
  'sender',
  'recipients',
  'propertyList',
  'checksum',
  'disableVirusScan',
];

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export interface InitializeFields {
  fileName: string;
  resourceId: string;
  sendersFileTransferReference?: string | null;
  sender: string;
  recipients: string[];
  propertyList?: Record<string, string> | null;
  checksum?: string | null;
  disableVirusScan?: boolean | null;
}

/** §4.1 rows 1–9 after validation; answers and returns undefined on failure. */
export function initializeTransfer(
  ctx: RouteContext,
  caller: Caller,
  fields: InitializeFields,
  reply: FastifyReply,
): Transfer | undefined {
  const { broker } = ctx;
  const resourceId = fields.resourceId.slice(fields.resourceId.lastIndexOf(':') + 1);
  if (!(caller.org === orgOf(fields.sender) && broker.permits(caller.org, resourceId, 'write'))) {
    sendBrokerError(reply, 6);
    return undefined;
  }
  const settings = broker.resources.get(resourceId);
  const owner = settings && broker.serviceOwners.get(settings.owner);
  if (!settings || !owner) {
    sendBrokerError(reply, settings ? 2 : 25);
    return undefined;
  }
  const useVirusScan = fields.disableVirusScan !== true;
  const providerType = useVirusScan ? 'AltinnAzure' : 'AltinnAzureWithoutVirusScan';
  if (!owner.storageProviders.some((p) => p.type === providerType && p.deploymentStatus === 'Ready')) {
    sendBrokerError(reply, 21);
    return undefined;
  }
  const registry = broker.registry(resourceId);
  if (!registry) {
    sendBrokerError(reply, 5);
    return undefined;
  }
  const recipients = fields.recipients.map((r) => actor(r));
  if (
    registry.accessListMode === 'Enabled' &&
    !broker.deps.faults.on('access-list-ignored') &&
    recipients.some((r) => !registry.accessList?.includes(orgOf(r)))
  ) {
    sendBrokerError(reply, 28);
    return undefined;
  }
  const required = settings.requiredParty ? orgOf(settings.requiredParty) : '';
  if (required && orgOf(fields.sender) !== required) {
    if (recipients.length > 1) {
      sendBrokerError(reply, 27);
      return undefined;
    }
    if (orgOf(recipients[0] ?? '') !== required) {
      sendBrokerError(reply, 26);
      return undefined;
    }
  }
  const checksum = fields.checksum?.trim() ? fields.checksum : null;
  return broker.create({
    resourceId,
    fileName: fields.fileName,
    sendersReference: fields.sendersFileTransferReference ?? null,
    sender: fields.sender,
    // §3.4: the sender actor is stored as given, so a URN-form sender is not found by role=sender search.
    senderActor: fields.sender,
    recipients,
    propertyList: fields.propertyList ?? {},
    checksum,
    senderGaveChecksum: checksum !== null,
    useVirusScan,
  });
}

export function overviewBody(ctx: RouteContext, t: Transfer, withPublished: boolean) {
  const status = currentStatus(t);
  const faults = ctx.broker.deps.faults;
  const published = t.statuses.find((s) => s.status === 'Published');
  const body: Record<string, unknown> = {
    fileTransferId: t.id,
    resourceId: t.resourceId,
    fileName: t.fileName,
    sendersFileTransferReference: t.sendersReference,
    checksum: t.checksum,
    useVirusScan: t.useVirusScan,
    fileTransferSize: faults.on('wrong-size') ? 0 : t.size,
    fileTransferStatus: faults.on('status-as-number') ? FILE_STATUSES.indexOf(status.status) : status.status,
    fileTransferStatusText: status.text,
    fileTransferStatusChanged: iso(status.at),
    created: iso(t.created),
    expirationTime: iso(t.expiration),
    sender: t.sender,
    recipients: recipientSummary(t).map((r) => ({
      recipient: r.recipient,
      currentRecipientFileTransferStatusCode: r.code,
      currentRecipientFileTransferStatusText: t.recipientRows.find((row) => row.status === r.code)?.text,
      currentRecipientFileTransferStatusChanged: iso(r.at),
    })),
    propertyList: t.propertyList,
  };
  if (withPublished && !faults.on('overview-missing-published'))
    body.published = published ? iso(published.at) : null;
  // Upstream's transfer row keeps the blob's URL in the service owner's storage account (§4.8 "stored
  // file location"); a mapper that copied it would leak it. Null until the bytes are stored.
  if (withPublished && faults.on('overview-leaks-storage-location'))
    body.fileLocation = t.filePath
      ? `https://altinnbrokersandbox.blob.core.windows.net/brokerfiles/${t.id}`
      : null;
  return body;
}

function detailsBody(ctx: RouteContext, t: Transfer) {
  const history = t.statuses.map((s) => ({
    fileTransferStatus: s.status,
    fileTransferStatusText: s.text,
    fileTransferStatusChanged: iso(s.at),
  }));
  if (ctx.broker.deps.faults.on('history-unordered')) {
    // Rows stay in order but their times run backwards, so no ordering (as returned or by time) is a
    // legal path: a row order alone is not a defect, because upstream's query has no ORDER BY (§4.6).
    const times = history.map((row) => row.fileTransferStatusChanged).reverse();
    history.forEach((row, i) => (row.fileTransferStatusChanged = times[i] ?? row.fileTransferStatusChanged));
  }
  const body = {
    ...overviewBody(ctx, t, false),
    fileTransferStatusHistory: history,
    recipientFileTransferStatusHistory: t.recipientRows.map((r) => ({
      recipient: r.recipient,
      recipientFileTransferStatusCode: r.status,
      recipientFileTransferStatusText: r.text,
      recipientFileTransferStatusChanged: iso(r.at),
    })),
  };
  if (!ctx.broker.deps.faults.on('pascal-case-details')) return body;
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]),
  );
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** §4.5 order: route GUID (400), existence (404), access (401). */
export function findTransfer(
  ctx: RouteContext,
  id: string,
  reply: FastifyReply,
  allowed: (t: Transfer) => boolean,
  media?: 'application/problem+json',
): Transfer | undefined {
  if (!GUID.test(id)) {
    sendValidationProblem(reply, { fileTransferId: [`The value '${id}' is not valid.`] }, media);
    return undefined;
  }
  const transfer = ctx.broker.transfers.get(id.toLowerCase());
  const faults = ctx.broker.deps.faults;
  if (!transfer) {
    sendBrokerError(reply, faults.on('unknown-id-401') ? 6 : 1, media);
    return undefined;
  }
  if (!allowed(transfer)) {
    if (faults.on('outsider-gets-403')) reply.code(403).send();
    else sendBrokerError(reply, 6, media);
    return undefined;
  }
  return transfer;
}

function parseEnum<T extends string>(value: string | undefined, names: readonly T[]): T | null | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return names[Number(value)] ?? null;
  return names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? null;
}

function parseTime(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function transferRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { broker } = ctx;
  const json = { produces: 'application/json' };

  app.post(`${API_PREFIX}/filetransfer`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, {
      policy: 'Sender',
      ...json,
      consumes: ['application/json'],
    });
    if (!caller) return reply;
    let raw: unknown;
    try {
      raw = JSON.parse(await readBody(request.body as IncomingMessage));
    } catch {
      return sendValidationProblem(reply, { $: ['The JSON value could not be converted.'] });
    }
    const body =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw)
        ? bindKeys(raw as Record<string, unknown>, INITIALIZE_FIELDS)
        : {};
    if (!('sendersFileTransferReference' in body)) body.sendersFileTransferReference = '';
    const errors = validationErrors(ctx.validator, 'initializeFileTransfer', body, {
      ignore: (pointer, keyword) =>
        (broker.deps.faults.on('plain-sender-accepted') && pointer === '/sender') ||
        (broker.deps.faults.on('property-limit-unchecked') && keyword === 'maxProperties'),
    });
    if (errors) return sendValidationProblem(reply, errors);
    const transfer = initializeTransfer(ctx, caller, body as unknown as InitializeFields, reply);
    if (!transfer) return reply;
    if (broker.deps.faults.on('initialize-bare-id'))
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(transfer.id));
    return reply
      .code(broker.deps.faults.on('initialize-201') ? 201 : 200)
      .send({ fileTransferId: transfer.id });
  });

  const readable = (caller: Caller) => (t: Transfer) =>
    broker.deps.faults.on('outsider-can-read') ||
    broker.asSender(caller.org, t) ||
    broker.asRecipient(caller.org, t);

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/filetransfer/:id`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, { policy: 'SenderOrRecipient', ...json });
    if (!caller) return reply;
    const transfer = findTransfer(ctx, request.params.id, reply, readable(caller));
    return transfer ? reply.send(overviewBody(ctx, transfer, true)) : reply;
  });

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/filetransfer/:id/details`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, { policy: 'SenderOrRecipient', ...json });
    if (!caller) return reply;
    const transfer = findTransfer(ctx, request.params.id, reply, readable(caller));
    return transfer ? reply.send(detailsBody(ctx, transfer)) : reply;
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(
    `${API_PREFIX}/filetransfer`,
    async (request, reply) => {
      const caller = await ctx.gate(request, reply, { policy: 'SenderOrRecipient', ...json });
      if (!caller) return reply;
      const q = request.query;
      const status = parseEnum<FileStatus>(q.status, FILE_STATUSES);
      const recipientStatus = parseEnum<RecipientStatus>(q.recipientStatus, RECIPIENT_STATUSES);
      const role = parseEnum(q.role, ['Recipient', 'Sender'] as const);
      const fromTime = parseTime(q.from);
      const toTime = parseTime(q.to);
      const errors: Record<string, string[]> = {};
      if (!q.resourceId) errors.ResourceId = ['The ResourceId field is required.'];
      for (const [name, value] of Object.entries({
        status,
        recipientStatus,
        role,
        from: fromTime,
        to: toTime,
      })) {
        if (value === null) errors[name] = [`The value '${q[name]}' is not valid.`];
      }
      if (q.orderAscending !== undefined && !/^(true|false)$/i.test(q.orderAscending))
        errors.orderAscending = [`The value '${q.orderAscending}' is not valid.`];
      if (Object.keys(errors).length > 0) return sendValidationProblem(reply, errors);
      const resourceId = q.resourceId ?? '';
      const from = fromTime ?? undefined;
      const to = toTime ?? undefined;
      if (
        !caller.org ||
        !broker.permits(caller.org, resourceId, 'read') ||
        !broker.permits(caller.org, resourceId, 'write')
      ) {
        return sendBrokerError(reply, 6);
      }
      const me = actor(caller.org);
      const faults = broker.deps.faults;
      const timeOf = (t: Transfer) =>
        status && !faults.on('search-ignores-status')
          ? (t.statuses.filter((s) => s.status === status).at(-1)?.at ?? t.created)
          : t.created;
      const matches = [...broker.transfers.values()].filter((t) => {
        if (t.resourceId !== resourceId) return false;
        if (status && !faults.on('search-ignores-status') && currentStatus(t).status !== status) return false;
        const leak = faults.on('search-leaks-other-orgs');
        const asSender = t.senderActor === me;
        const asRecipient = t.recipientRows.some((r) => r.recipient === me);
        if (recipientStatus) {
          // §7: recipient-only search on the caller's latest recipient status; role is ignored.
          if (!(leak || asRecipient) || latestRecipientStatus(t, me) !== recipientStatus) return false;
        } else if (
          !leak &&
          !(role === 'Sender' ? asSender : role === 'Recipient' ? asRecipient : asSender || asRecipient)
        ) {
          return false;
        }
        const at = timeOf(t);
        if (from !== undefined && to !== undefined) return at >= from && at <= to;
        if (from !== undefined) return at > from;
        if (to !== undefined) return at < to;
        return true;
      });
      const ascending = q.orderAscending
        ? q.orderAscending.toLowerCase() === 'true'
        : faults.on('search-ascending-default');
      matches.sort((a, b) => (ascending ? timeOf(a) - timeOf(b) : timeOf(b) - timeOf(a)));
      return reply.send(matches.slice(0, 100).map((t) => t.id));
    },
  );
}
