import { describe, expect, it } from '@jest/globals';
import {
  classifyVariable,
  injectedValue,
  injectVariables,
  planInjection,
  referencedVariables,
  type Injection,
  type InjectionValues,
} from '../../src/postman/inject.js';
import type { PostmanCollection, PostmanEnvironment } from '../../src/postman/source.js';

const VALUES: InjectionValues = {
  baseUrl: 'http://127.0.0.1:4000',
  resourceId: 'the-resource',
  orgs: { SERVICEOWNER: '991825827', SENDER: '314000001', RECIPIENT: '315000002', OUTSIDER: '316000003' },
  tokens: { SENDER: 'sender-token-value', RECIPIENT: 'recipient-token-value' },
};

describe('which variables the profile fills, by name', () => {
  it.each<[string, string, Injection | undefined]>([
    ['snake case token', 'sender_token', { kind: 'token', persona: 'SENDER' }],
    ['camel case token', 'senderToken', { kind: 'token', persona: 'SENDER' }],
    ['upper case token', 'SENDER_TOKEN', { kind: 'token', persona: 'SENDER' }],
    ['two-word persona, camel case', 'serviceOwnerToken', { kind: 'token', persona: 'SERVICEOWNER' }],
    ['two-word persona, kebab case', 'service-owner-token', { kind: 'token', persona: 'SERVICEOWNER' }],
    ['the shared contract spelling', 'serviceownerToken', { kind: 'token', persona: 'SERVICEOWNER' }],
    ['recipient token', 'recipient_token', { kind: 'token', persona: 'RECIPIENT' }],
    ['outsider token', 'outsiderToken', { kind: 'token', persona: 'OUTSIDER' }],
    ['a token word in the middle', 'sender_maskinporten_token', { kind: 'token', persona: 'SENDER' }],
    ['party', 'senderParty', { kind: 'party', persona: 'SENDER' }],
    ['recipient party', 'recipient_party', { kind: 'party', persona: 'RECIPIENT' }],
    ['org number', 'sender_orgnumber', { kind: 'org', persona: 'SENDER' }],
    ['Org in camel case', 'recipientOrg', { kind: 'org', persona: 'RECIPIENT' }],
    ['service owner org', 'serviceowner_orgnumber', { kind: 'org', persona: 'SERVICEOWNER' }],
    ['resourceId', 'resourceId', { kind: 'resourceId' }],
    ['resource_id', 'resource_id', { kind: 'resourceId' }],
    ['RESOURCE-ID', 'RESOURCE-ID', { kind: 'resourceId' }],
    ['baseUrl', 'baseUrl', { kind: 'baseUrl' }],
    ['base_url', 'base_url', { kind: 'baseUrl' }],
    ['brokerBaseURL', 'brokerBaseURL', { kind: 'baseUrl' }],
    ['a persona with nothing to fill stays', 'sender_dagl_ssn', undefined],
    ['a token of no persona stays', 'systemprovider_token', undefined],
    ['a captured id stays', 'fileTransferId', undefined],
    ['a client id stays', 'client_id', undefined],
  ])('%s: %s', (_rule, name, want) => {
    expect(classifyVariable(name)).toEqual(want);
  });
});

describe('what goes in', () => {
  it.each<[string, Injection, unknown, string]>([
    ['a token is the persona token', { kind: 'token', persona: 'SENDER' }, '', 'sender-token-value'],
    ['a party is 0192:<org>', { kind: 'party', persona: 'RECIPIENT' }, '', '0192:315000002'],
    ['an org is the 9 digits', { kind: 'org', persona: 'SERVICEOWNER' }, 'Nine digits', '991825827'],
    ['the resource id', { kind: 'resourceId' }, 'altinn-broker-test-service-resource', 'the-resource'],
    ['an empty base URL', { kind: 'baseUrl' }, '', 'http://127.0.0.1:4000'],
    [
      'a base URL keeps its path',
      { kind: 'baseUrl' },
      'https://platform.tt02.altinn.no/broker/',
      'http://127.0.0.1:4000/broker',
    ],
    ['a base URL of a template is replaced', { kind: 'baseUrl' }, '{{host}}', 'http://127.0.0.1:4000'],
  ])('%s', (_rule, injection, current, want) => {
    expect(injectedValue(injection, VALUES, current)).toBe(want);
  });
});

describe('filling a collection and its environment', () => {
  const collection: PostmanCollection = {
    info: { name: 't' },
    variable: [
      { key: 'baseUrl', value: 'https://platform.tt02.altinn.no' },
      { key: 'sender_token', value: '' },
      { key: 'fileTransferId', value: 'kept' },
    ],
    item: [
      {
        name: 'Initialize',
        request: {
          method: 'POST',
          url: '{{baseUrl}}/broker/api/v1/filetransfer',
          auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{sender_token}}' }] },
          body: {
            mode: 'raw',
            raw: '{"resourceId":"{{resourceId}}","sender":"{{senderParty}}","t":"{{$guid}}"}',
          },
        },
      },
      {
        name: 'Download',
        request: { method: 'GET', url: '{{baseUrl}}/x', header: [{ key: 'A', value: '{{recipientToken}}' }] },
      },
    ],
  };
  const environment: PostmanEnvironment = {
    name: 'e',
    values: [{ key: 'recipientToken', value: '', enabled: true }],
  };
  const plan = planInjection(collection, environment);
  const done = injectVariables(collection, environment, plan, VALUES);
  const envValue = (key: string) => done.environment.values.find((v) => v.key === key)?.value;
  const colValue = (key: string) => done.collection.variable?.find((v) => v.key === key)?.value;

  it('finds references in URLs, auth, headers and bodies, but not dynamic variables', () => {
    expect(referencedVariables(collection).sort()).toEqual(
      ['baseUrl', 'recipientToken', 'resourceId', 'senderParty', 'sender_token'].sort(),
    );
  });

  it('asks only for the tokens some variable needs', () => {
    expect(plan.personas).toEqual(['SENDER', 'RECIPIENT']);
  });

  it.each<[string, () => unknown, string]>([
    ['a collection variable', () => colValue('sender_token'), 'sender-token-value'],
    ['an environment value', () => envValue('recipientToken'), 'recipient-token-value'],
    ['a variable only referenced goes to the environment', () => envValue('resourceId'), 'the-resource'],
    ['a party only referenced goes to the environment', () => envValue('senderParty'), '0192:314000001'],
    ['the base URL', () => colValue('baseUrl'), 'http://127.0.0.1:4000'],
    ['a variable of its own keeps its value', () => colValue('fileTransferId'), 'kept'],
  ])('fills %s', (_where, read, want) => {
    expect(read()).toBe(want);
  });

  it('names what it filled, never the values, and leaves the input untouched', () => {
    expect(done.injected).toEqual(['baseUrl', 'recipientToken', 'resourceId', 'senderParty', 'sender_token']);
    expect(JSON.stringify(done.injected)).not.toContain('token-value');
    expect(collection.variable?.[1]?.value).toBe('');
  });

  it('marks token variables secret, so Postman hides them', () => {
    expect(done.collection.variable?.find((v) => v.key === 'sender_token')?.type).toBe('secret');
  });
});
