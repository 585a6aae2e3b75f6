/** Service owner, resource configuration and monthly statistics (CONTRACT.md §4.10–4.12, §8). */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Caller } from '../auth/tokens.js';
import type { Broker } from './broker.js';
import { API_PREFIX, type RouteContext } from './context.js';
import { isoText, parseDuration, timeSpanText } from './durations.js';
import { DAY, actor, orgOf, type ResourceSettings } from './model.js';
import { sendBrokerError, sendValidationProblem, type BrokerErrorCode } from './problem.js';
import { bindKeys, readBody, validationErrors } from './request-body.js';

const RESOURCE_FIELDS = [
  'maxFileTransferSize',
  'fileTransferTimeToLive',
  'purgeFileTransferAfterAllRecipientsConfirmed',
  'purgeFileTransferGracePeriod',
  'useManifestFileShim',
  'externalServiceCodeLegacy',
  'externalServiceEditionCodeLegacy',
  'requiredParty',
];
/** The int64/int32 fields: web defaults bind them from JSON strings too (§1, derived). */
const NUMBER_FIELDS = ['maxFileTransferSize', 'externalServiceEditionCodeLegacy'];
/** §8.2 limits. */
const MAX_SIZE = 1_677_721_600_000;
const MAX_TTL = 365 * DAY;
const MAX_GRACE = DAY;

async function jsonBody(request: { body: unknown }): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse((await readBody(request.body as IncomingMessage)) || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `"1000"` binds as 1000 (System.Text.Json's AllowReadingFromString, §1); anything else is left to validation. */
function numbersFromStrings(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const bound = { ...body };
  for (const field of fields) {
    const value = bound[field];
    if (typeof value === 'string' && /^-?\d+$/.test(value)) bound[field] = Number(value);
  }
  return bound;
}

/** Registers a service owner with storage that becomes Ready after the provisioning delay (§8.1). */
export function registerServiceOwner(broker: Broker, org: string, name: string, ready: boolean): void {
  const id = actor(org);
  const environment = broker.deps.config.environmentName;
  const providers = (status: 'DeployingResources' | 'Ready') =>
    (['AltinnAzure', 'AltinnAzureWithoutVirusScan'] as const).map((type) => ({
      type,
      deploymentStatus: status,
      deploymentEnvironment: environment,
    }));
  const owner = { id, name, storageProviders: providers(ready ? 'Ready' : 'DeployingResources') };
  broker.serviceOwners.set(id, owner);
  if (ready) return;
  const { config, clock } = broker.deps;
  const wallMs = config.provisioningWallMs ?? config.processingDelayMs / clock.timeScale;
  clock.afterWall(wallMs, () => (owner.storageProviders = providers('Ready')));
}

export function configureResource(broker: Broker, id: string, owner: string): ResourceSettings {
  const settings: ResourceSettings = {
    id,
    owner,
    maxFileTransferSize: null,
    fileTransferTimeToLive: null,
    purgeFileTransferAfterAllRecipientsConfirmed: true,
    purgeFileTransferGracePeriod: null,
    useManifestFileShim: false,
    externalServiceCodeLegacy: null,
    externalServiceEditionCodeLegacy: null,
    requiredParty: null,
  };
  broker.resources.set(id, settings);
  return settings;
}

/** §4.10 PUT rows 1–7; answers and returns false on the first failing check. */
function applyResource(
  ctx: RouteContext,
  caller: Caller,
  id: string,
  body: Record<string, unknown>,
  reply: FastifyReply,
): boolean {
  const { broker } = ctx;
  const faults = broker.deps.faults;
  const existing = broker.resources.get(id);
  const callerActor = caller.org ? actor(caller.org) : '';
  const fail = (code: BrokerErrorCode) => {
    sendBrokerError(reply, code);
    return false;
  };
  if (!existing) {
    const registry = broker.registry(id);
    if (!registry?.owner) return fail(5);
    if (registry.owner !== callerActor) return fail(6);
    if (!broker.serviceOwners.has(registry.owner)) return fail(24);
  } else if (existing.owner !== callerActor) return fail(6);
  const size = body.maxFileTransferSize as number | null | undefined;
  if (typeof size === 'number') {
    if (size < 0) return fail(11);
    if (size === 0) return fail(12);
    if (size > MAX_SIZE) return fail(22);
  }
  const durations: [string, number, 14 | 17, 15 | 18][] = [
    ['fileTransferTimeToLive', faults.on('ttl-limit-unchecked') ? Infinity : MAX_TTL, 14, 15],
    ['purgeFileTransferGracePeriod', MAX_GRACE, 17, 18],
  ];
  const parsed: Record<string, number> = {};
  for (const [field, max, unparsable, tooLong] of durations) {
    const text = body[field];
    if (typeof text !== 'string') continue;
    const ms = parseDuration(text);
    if (ms === undefined) return fail(unparsable);
    if (ms > max) return fail(tooLong);
    parsed[field] = ms;
  }
  const settings = existing ?? configureResource(broker, id, callerActor);
  const next = { ...settings };
  for (const field of RESOURCE_FIELDS) {
    const value = body[field];
    // §8.2: null or absent leaves a field unchanged.
    if (value === null || value === undefined) continue;
    (next as unknown as Record<string, unknown>)[field] = field in parsed ? parsed[field] : value;
  }
  if (
    next.useManifestFileShim &&
    (!next.externalServiceCodeLegacy || !next.externalServiceEditionCodeLegacy)
  ) {
    return fail(23);
  }
  if (!faults.on('resource-put-ignored')) broker.resources.set(id, next);
  return true;
}

export function adminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { broker } = ctx;
  const json = { produces: 'application/json' };

  app.put<{ Params: { id: string } }>(`${API_PREFIX}/resource/:id`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, {
      policy: 'ServiceOwner',
      ...json,
      consumes: ['application/json'],
    });
    if (!caller) return reply;
    const raw = await jsonBody(request);
    if (!raw) return sendValidationProblem(reply, { $: ['The JSON value could not be converted.'] });
    const body = numbersFromStrings(bindKeys(raw, RESOURCE_FIELDS), NUMBER_FIELDS);
    // Sizes and durations are the handler's to judge (BRO-00011–00018); the model only checks types and the shim rule.
    const errors = validationErrors(ctx.validator, 'configureResource', body, {
      ignore: (pointer, keyword) =>
        keyword !== 'type' &&
        keyword !== 'required' &&
        pointer !== '' &&
        !pointer.startsWith('/externalService'),
    });
    if (errors) return sendValidationProblem(reply, errors);
    if (!applyResource(ctx, caller, request.params.id, body, reply)) return reply;
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/resource/:id`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, {
      policy: 'ServiceOwner',
      ...json,
      consumes: ['application/json'],
    });
    if (!caller) return reply;
    const settings = broker.resources.get(request.params.id);
    if (!settings) return sendBrokerError(reply, 25);
    if (!caller.org || settings.owner !== actor(caller.org)) return sendBrokerError(reply, 6);
    const duration = (ms: number | null) =>
      ms === null ? null : broker.deps.faults.on('resource-iso-durations') ? isoText(ms) : timeSpanText(ms);
    return reply.send({
      maxFileTransferSize: settings.maxFileTransferSize,
      fileTransferTimeToLive: duration(settings.fileTransferTimeToLive),
      purgeFileTransferAfterAllRecipientsConfirmed: settings.purgeFileTransferAfterAllRecipientsConfirmed,
      purgeFileTransferGracePeriod: duration(settings.purgeFileTransferGracePeriod),
      useManifestFileShim: settings.useManifestFileShim,
      externalServiceCodeLegacy: settings.externalServiceCodeLegacy,
      externalServiceEditionCodeLegacy: settings.externalServiceEditionCodeLegacy,
      requiredParty: settings.requiredParty,
    });
  });

  app.post(`${API_PREFIX}/serviceowner`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, { policy: 'ServiceOwner', consumes: ['application/json'] });
    if (!caller) return reply;
    const problem = 'application/problem+json' as const;
    const body = bindKeys((await jsonBody(request)) ?? {}, ['name']);
    if (typeof body.name !== 'string')
      return sendValidationProblem(reply, { Name: ['The Name field is required.'] }, problem);
    if (!caller.org) return sendBrokerError(reply, 7001, problem);
    if (broker.serviceOwners.has(actor(caller.org)) && !broker.deps.faults.on('serviceowner-repeat-ok')) {
      return sendBrokerError(reply, 7002, problem);
    }
    if (!broker.serviceOwners.has(actor(caller.org)))
      registerServiceOwner(broker, caller.org, body.name, false);
    return reply.code(200).send();
  });

  app.get(`${API_PREFIX}/serviceowner`, async (request, reply) => {
    const caller = await ctx.gate(request, reply, { policy: 'ServiceOwner', ...json });
    if (!caller) return reply;
    if (!caller.org) return sendBrokerError(reply, 7001);
    const owner = broker.serviceOwners.get(actor(caller.org));
    if (!owner) return sendBrokerError(reply, 7004);
    return reply.send({ name: owner.name, storageProviders: owner.storageProviders });
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(
    `${API_PREFIX}/statistics/monthly`,
    async (request, reply) => {
      const caller = await ctx.gate(request, reply, { policy: 'ServiceOwner', produces: 'text/csv' });
      if (!caller) return reply;
      const problem = 'application/problem+json' as const;
      const q = request.query;
      const errors: Record<string, string[]> = {};
      for (const name of ['year', 'month'] as const) {
        if (q[name] === undefined || !/^-?\d+$/.test(q[name] ?? ''))
          errors[name] = [`The ${name} field is required.`];
      }
      if (Object.keys(errors).length > 0) return sendValidationProblem(reply, errors, problem);
      const year = Number(q.year);
      const month = Number(q.month);
      if (year < 1 || year > 9999 || month < 1 || month > 12 || (year === 9999 && month === 12))
        return sendBrokerError(reply, 6003, problem);
      const flag = (v: string | undefined, d: boolean) => (v === undefined ? d : v.toLowerCase() === 'true');
      if (!flag(q.includeEndUser, true) && !flag(q.includeVendor, false))
        return sendBrokerError(reply, 6005, problem);
      if (!caller.org) return sendBrokerError(reply, 6, problem);
      const mine = actor(caller.org);
      if (q.resourceId) {
        const settings = broker.resources.get(q.resourceId);
        if (!settings) return sendBrokerError(reply, 25, problem);
        if (settings.owner !== mine) return sendBrokerError(reply, 6, problem);
      }
      const rows = [...broker.transfers.values()].filter((t) => {
        const created = new Date(t.created);
        const owner = broker.resources.get(t.resourceId)?.owner;
        return (
          owner === mine &&
          (!q.resourceId || t.resourceId === q.resourceId) &&
          created.getUTCFullYear() === year &&
          created.getUTCMonth() + 1 === month
        );
      });
      const lines = [
        'year,month,resourceId,senderVendor,recipientVendor,sender,recipient,totalFileTransfers,uploadCount,totalTransferDownloadAttempts,transfersWithDownloadConfirmed',
      ];
      for (const t of rows) {
        for (const recipient of t.recipients) {
          const rowsFor = t.recipientRows.filter((r) => r.recipient === recipient);
          const downloads = rowsFor.filter((r) => r.status === 'DownloadStarted').length;
          const confirmed = rowsFor.some((r) => r.status === 'DownloadConfirmed') ? 1 : 0;
          lines.push(
            [
              year,
              month,
              t.resourceId,
              '',
              '',
              orgOf(t.sender),
              orgOf(recipient),
              1,
              t.filePath || t.size ? 1 : 0,
              downloads,
              confirmed,
            ].join(','),
          );
        }
      }
      const name = `monthly_statistics_${q.resourceId ?? 'all-resources'}_${year}-${String(month).padStart(2, '0')}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename=${name}; filename*=UTF-8''${name}`)
        .send(`${lines.join('\n')}\n`);
    },
  );
}
