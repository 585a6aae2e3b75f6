import { describe, expect, it } from '@jest/globals';
import { HostRewriter, ownBaseOrigins, rewriteHosts } from '../../src/postman/hosts.js';
import type { PostmanCollection, PostmanUrlObject } from '../../src/postman/source.js';

const TARGET = 'http://127.0.0.1:4000';
const rewriter = new HostRewriter(TARGET, ['https://broker.example.com']);

describe('URL strings', () => {
  it.each<[string, string, string | undefined]>([
    [
      'tt02',
      'https://platform.tt02.altinn.no/broker/api/v1/filetransfer',
      `${TARGET}/broker/api/v1/filetransfer`,
    ],
    ['production', 'https://platform.altinn.no/broker/api/v1/x', `${TARGET}/broker/api/v1/x`],
    ['at22', 'https://platform.at22.altinn.cloud/broker/api/v1/x', `${TARGET}/broker/api/v1/x`],
    ['at24, host in upper case', 'https://PLATFORM.AT24.ALTINN.CLOUD/broker', `${TARGET}/broker`],
    ['yt01', 'https://platform.yt01.altinn.cloud/broker/api/v1/x', `${TARGET}/broker/api/v1/x`],
    ['an explicit 443', 'https://platform.tt02.altinn.no:443/broker', `${TARGET}/broker`],
    ['a local upstream build', 'http://localhost:5096/broker/api/v1/x', `${TARGET}/broker/api/v1/x`],
    ['a loopback port', 'http://127.0.0.1:5096/broker', `${TARGET}/broker`],
    [
      "the collection's own base URL",
      'https://broker.example.com/broker/api/v1/x',
      `${TARGET}/broker/api/v1/x`,
    ],
    [
      'keeps the query',
      'https://platform.tt02.altinn.no/broker/api/v1/filetransfer?resourceId=r&status=Published',
      `${TARGET}/broker/api/v1/filetransfer?resourceId=r&status=Published`,
    ],
    ['a bare origin', 'https://platform.tt02.altinn.no', TARGET],
    ['not Maskinporten', 'https://test.maskinporten.no/token', undefined],
    ['not another Altinn host', 'https://tt02.altinn.no/broker', undefined],
    ['not a look-alike', 'https://platform.tt02.altinn.no.evil.example/broker', undefined],
    ['not the target itself', `${TARGET}/broker/api/v1/x`, undefined],
    ['not a template', '{{baseUrl}}/broker/api/v1/x', undefined],
    ['not a bare localhost without a port', 'http://localhost/broker', undefined],
  ])('%s', (_rule, url, want) => {
    expect(rewriter.url(url)?.url).toBe(want);
  });

  it('says which origin it replaced', () => {
    expect(rewriter.url('https://platform.tt02.altinn.no/x')?.from).toBe('https://platform.tt02.altinn.no');
  });
});

describe('URL objects: newman builds the request from the parts, so they change with raw', () => {
  it.each<[string, PostmanUrlObject, PostmanUrlObject | undefined]>([
    [
      'a tt02 URL in parts',
      {
        raw: 'https://platform.tt02.altinn.no/broker/api/v1/x?a=1',
        protocol: 'https',
        host: ['platform', 'tt02', 'altinn', 'no'],
        path: ['broker', 'api', 'v1', 'x'],
        query: [{ key: 'a', value: '1' }],
      },
      {
        raw: `${TARGET}/broker/api/v1/x?a=1`,
        protocol: 'http',
        host: ['127.0.0.1'],
        port: '4000',
        path: ['broker', 'api', 'v1', 'x'],
        query: [{ key: 'a', value: '1' }],
      },
    ],
    [
      'a local upstream with its port',
      {
        raw: 'http://localhost:5096/broker',
        protocol: 'http',
        host: ['localhost'],
        port: '5096',
        path: ['broker'],
      },
      { raw: `${TARGET}/broker`, protocol: 'http', host: ['127.0.0.1'], port: '4000', path: ['broker'] },
    ],
    ['raw only', { raw: 'https://platform.altinn.no/broker' }, { raw: `${TARGET}/broker` }],
    [
      'a host variable stays',
      { raw: '{{baseUrl}}/broker', host: ['{{baseUrl}}'], path: ['broker'] },
      undefined,
    ],
    [
      'Maskinporten stays',
      {
        raw: 'https://test.maskinporten.no/token',
        protocol: 'https',
        host: ['test', 'maskinporten', 'no'],
        path: ['token'],
      },
      undefined,
    ],
  ])('%s', (_rule, url, want) => {
    expect(rewriter.urlObject(url)?.url).toEqual(want);
  });

  it('drops a port the target does not have', () => {
    const https = new HostRewriter('https://broker.test');
    const done = https.urlObject({ protocol: 'http', host: ['localhost'], port: '5096', path: ['x'] });
    expect(done?.url).toEqual({ protocol: 'https', host: ['broker.test'], path: ['x'] });
  });
});

describe('a collection', () => {
  const collection: PostmanCollection = {
    info: { name: 't' },
    variable: [
      { key: 'baseUrl', value: 'https://platform.tt02.altinn.no' },
      { key: 'local_testing', value: 'http://localhost:5096', disabled: true },
      { key: 'note', value: 'https://platform.tt02.altinn.no is tt02' },
    ],
    item: [
      {
        name: 'Folder',
        item: [
          {
            name: 'Hard-coded',
            request: { method: 'GET', url: 'https://platform.tt02.altinn.no/broker/api/v1/filetransfer' },
          },
          {
            name: 'Templated',
            request: {
              method: 'GET',
              url: { raw: '{{baseUrl}}/broker', host: ['{{baseUrl}}'], path: ['broker'] },
            },
          },
        ],
      },
      { name: 'Bare string', request: 'https://platform.yt01.altinn.cloud/broker/api/v1/serviceowner' },
      { name: 'Token', request: { method: 'POST', url: 'https://test.maskinporten.no/token' } },
    ],
  };
  const done = rewriteHosts(
    collection,
    { values: [{ key: 'host', value: 'http://localhost:5096/' }] },
    rewriter,
  );

  it('rewrites requests and variables, and lists where', () => {
    expect(done.rewrites).toEqual([
      { where: 'request Folder / Hard-coded', from: 'https://platform.tt02.altinn.no' },
      { where: 'request Bare string', from: 'https://platform.yt01.altinn.cloud' },
      { where: 'collection variable baseUrl', from: 'https://platform.tt02.altinn.no' },
      { where: 'collection variable local_testing', from: 'http://localhost:5096' },
      { where: 'environment variable host', from: 'http://localhost:5096' },
    ]);
    expect(done.collection.item[1]?.request).toBe(`${TARGET}/broker/api/v1/serviceowner`);
    expect(done.environment.values[0]?.value).toBe(`${TARGET}/`);
  });

  it('leaves prose, templates, other hosts and the input alone', () => {
    expect(done.collection.variable?.[2]?.value).toBe('https://platform.tt02.altinn.no is tt02');
    expect(done.collection.item[2]?.request).toEqual({
      method: 'POST',
      url: 'https://test.maskinporten.no/token',
    });
    expect(collection.variable?.[0]?.value).toBe('https://platform.tt02.altinn.no');
  });

  it("takes the collection's own base URL as a host to rewrite", () => {
    expect(
      ownBaseOrigins([
        { key: 'baseUrl', value: 'https://Broker.Example.com/broker' },
        { key: 'base_url', value: '{{x}}' },
        { key: 'other', value: 'https://elsewhere.example' },
      ]),
    ).toEqual(['https://broker.example.com']);
  });
});
