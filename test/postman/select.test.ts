import { describe, expect, it } from '@jest/globals';
import { EnvironmentError } from '../../src/errors.js';
import {
  keepBrokerRequests,
  resolveTemplate,
  selectFolders,
  urlText,
  variableValues,
} from '../../src/postman/select.js';
import { requestsOf, type PostmanCollection } from '../../src/postman/source.js';

const BASE = 'http://127.0.0.1:4000';
const get = (name: string, url: string) => ({ name, request: { method: 'GET', url } });

const collection: PostmanCollection = {
  info: { name: 't' },
  variable: [
    { key: 'baseUrl', value: BASE },
    { key: 'off', value: 'https://elsewhere.example', disabled: true },
  ],
  item: [
    {
      id: 'broker-folder',
      name: 'Broker',
      auth: { type: 'bearer' },
      item: [
        {
          name: '{fileTransferId}',
          item: [get('Overview', '{{baseUrl}}/broker/api/v1/filetransfer/{{id}}')],
        },
        get('Initialize', '{{baseUrl}}/broker/api/v1/filetransfer'),
      ],
    },
    {
      name: 'Authenticator',
      item: [
        get('Maskinporten', 'https://test.maskinporten.no/token'),
        get('Exchange', '{{baseUrl}}/authentication/api/v1/exchange/maskinporten'),
        get('Script-set host', '{{capturedHost}}/broker/api/v1/filetransfer'),
      ],
    },
  ],
};
const paths = (c: PostmanCollection) => requestsOf(c.item).map((r) => r.path);

describe('--folder', () => {
  it('runs in the order given, not the collection order', () => {
    expect(paths(selectFolders(collection, ['Initialize', '{fileTransferId}']))).toEqual([
      'Broker / Initialize',
      'Broker / {fileTransferId} / Overview',
    ]);
  });

  it('keeps each pick under its folders, so inherited auth still applies', () => {
    const picked = selectFolders(collection, ['Initialize']);
    expect(picked.item[0]).toMatchObject({ name: 'Broker', auth: { type: 'bearer' } });
    expect(picked.item[0]?.id).toBeUndefined();
  });

  it.each([
    ['by name', ['Broker']],
    ['by id', ['broker-folder']],
  ])('finds a folder %s', (_how, names) => {
    expect(paths(selectFolders(collection, names))).toHaveLength(2);
  });

  it('runs everything without --folder', () => {
    expect(selectFolders(collection, [])).toBe(collection);
  });

  it('stops on a name the collection does not have, listing what it has', () => {
    expect(() => selectFolders(collection, ['Nope'])).toThrow(EnvironmentError);
    expect(() => selectFolders(collection, ['Nope'])).toThrow(/--folder Nope[\s\S]*Broker \/ Initialize/);
  });
});

describe('variables and URLs', () => {
  const values = variableValues(collection, {
    values: [
      { key: 'a', value: '{{baseUrl}}/x' },
      { key: 'b', value: 'no', enabled: false },
    ],
  });

  it.each<[string, string, string]>([
    ['a variable', '{{baseUrl}}/broker', `${BASE}/broker`],
    ['a variable that refers to another', '{{a}}', `${BASE}/x`],
    ['an unknown variable stays', '{{nope}}/x', '{{nope}}/x'],
    ['a disabled collection variable is unknown', '{{off}}', '{{off}}'],
    ['a disabled environment value is unknown', '{{b}}', '{{b}}'],
  ])('resolves %s', (_rule, text, want) => {
    expect(resolveTemplate(text, values)).toBe(want);
  });

  it.each<[string, Parameters<typeof urlText>[0], string]>([
    ['a string', 'http://h/x', 'http://h/x'],
    [
      'parts over raw',
      { raw: 'http://old/x', protocol: 'http', host: ['new', 'example'], port: '81', path: ['a', 'b'] },
      'http://new.example:81/a/b',
    ],
    ['raw without parts', { raw: '{{baseUrl}}/x' }, '{{baseUrl}}/x'],
    ['no URL', undefined, ''],
  ])('reads %s', (_rule, url, want) => {
    expect(urlText(url)).toBe(want);
  });
});

describe('non-Broker requests are skipped and listed', () => {
  const { collection: kept, skipped } = keepBrokerRequests(
    collection,
    variableValues(collection, { values: [] }),
    BASE,
  );

  it('keeps Broker calls and calls whose host a script sets at run time', () => {
    expect(paths(kept)).toEqual([
      'Broker / {fileTransferId} / Overview',
      'Broker / Initialize',
      'Authenticator / Script-set host',
    ]);
  });

  it.each([
    [
      'another host',
      'Authenticator / Maskinporten',
      'https://test.maskinporten.no/token',
      /is not the profile's base URL/,
    ],
    [
      'outside /broker/api/v1',
      'Authenticator / Exchange',
      `${BASE}/authentication/api/v1/exchange/maskinporten`,
      /outside \/broker\/api\/v1/,
    ],
  ])('skips %s', (_rule, path, url, reason) => {
    const entry = skipped.find((s) => s.path === path);
    expect(entry?.url).toBe(url);
    expect(entry?.reason).toMatch(reason);
  });

  it('drops a folder left empty', () => {
    const { collection: none } = keepBrokerRequests(
      { info: {}, item: [{ name: 'Auth', item: [get('T', 'https://test.maskinporten.no/token')] }] },
      new Map(),
      BASE,
    );
    expect(none.item).toEqual([]);
  });
});
