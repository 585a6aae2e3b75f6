import { describe, expect, it } from '@jest/globals';
import { normaliseDocument } from '../../src/spec/normalise.js';

/** A document whose only content is one component schema, so each row shows one translation. */
function withSchema(schema: object): Record<string, unknown> {
  return { openapi: '3.0.3', components: { schemas: { S: schema } } };
}

describe('OpenAPI 3.0 constructs read as 3.1', () => {
  it.each([
    ['nullable widens a type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    [
      'nullable widens a type array',
      { type: ['string', 'integer'], nullable: true },
      { type: ['string', 'integer', 'null'] },
    ],
    [
      'nullable adds null to an enum',
      { type: 'string', enum: ['a'], nullable: true },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [
      'nullable without a type becomes an alternative',
      { $ref: '#/x', nullable: true },
      { anyOf: [{ $ref: '#/x' }, { type: 'null' }] },
    ],
    ['nullable: false is dropped', { type: 'string', nullable: false }, { type: 'string' }],
    ['example becomes examples', { type: 'string', example: 'a' }, { type: 'string', examples: ['a'] }],
    [
      'exclusiveMinimum: true moves the bound',
      { type: 'integer', minimum: 0, exclusiveMinimum: true },
      { type: 'integer', exclusiveMinimum: 0 },
    ],
    [
      'exclusiveMaximum: false is dropped',
      { type: 'integer', maximum: 9, exclusiveMaximum: false },
      { type: 'integer', maximum: 9 },
    ],
    [
      'format binary becomes a media type',
      { type: 'string', format: 'binary' },
      { type: 'string', contentMediaType: 'application/octet-stream' },
    ],
    [
      'nested schemas are reached',
      { type: 'object', properties: { a: { type: 'array', items: { type: 'string', nullable: true } } } },
      { type: 'object', properties: { a: { type: 'array', items: { type: ['string', 'null'] } } } },
    ],
    [
      '3.1 schemas are left alone',
      { type: ['string', 'null'], examples: ['a'] },
      { type: ['string', 'null'], examples: ['a'] },
    ],
  ])('%s', (_name, given, want) => {
    const document = withSchema(given);
    normaliseDocument(document);
    expect((document.components as { schemas: { S: unknown } }).schemas.S).toEqual(want);
  });

  it('counts what it translated, in parameters and media types too', () => {
    const document = {
      openapi: '3.0.3',
      paths: {
        '/a': {
          get: {
            parameters: [{ name: 'q', in: 'query', schema: { type: 'string', nullable: true } }],
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { type: 'integer', nullable: true } } },
              },
            },
          },
        },
      },
    };
    expect(normaliseDocument(document)).toEqual([
      { construct: 'nullable', count: 2, message: expect.stringContaining('(2×)') },
    ]);
  });

  it('leaves media-type examples (not schemas) untouched', () => {
    const document = {
      paths: {
        '/a': {
          get: { responses: { 200: { content: { 'application/json': { example: { nullable: true } } } } } },
        },
      },
    };
    expect(normaliseDocument(document)).toEqual([]);
  });
});
