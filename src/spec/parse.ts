/**
 * Turns the text of an OpenAPI document (JSON or YAML) into a value, with every syntax error
 * located by line and column. In lenient mode, trailing commas in JSON (the defect of Altinn's
 * published document, CONTRACT.md §10.1) are repaired and each repair is reported.
 */
import * as jsonc from 'jsonc-parser';
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { SpecDefect } from './types.js';
import { fromPointer } from './pointer.js';

export interface ParsedText {
  value: unknown;
  format: 'json' | 'yaml';
  repairs: SpecDefect[];
  /** Line and column of the value at a JSON pointer, when the text has it. */
  locate(pointer: string): { line: number; column: number } | undefined;
}

export interface ParseFailure {
  defects: SpecDefect[];
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function looksLikeJson(text: string, name: string): boolean {
  if (/\.json$/i.test(name)) return true;
  if (/\.ya?ml$/i.test(name)) return false;
  return /^\s*[{[]/.test(text);
}

export function parseSpecText(text: string, name: string, lenient: boolean): ParsedText | ParseFailure {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return looksLikeJson(body, name) ? parseJson(body, lenient) : parseYaml(body);
}

/**
 * jsonc-parser's SyntaxKind is a const enum, which `verbatimModuleSyntax` cannot import: these are
 * its values in jsonc-parser 3.
 */
const TOKEN = { closeBrace: 2, closeBracket: 4, comma: 5, eof: 17 } as const;

/** Offsets of commas that are followed, past whitespace and comments, by `}` or `]`. */
function trailingCommas(text: string): number[] {
  const scanner = jsonc.createScanner(text, true);
  const found: number[] = [];
  let lastComma = -1;
  for (let kind: number = scanner.scan(); kind !== TOKEN.eof; kind = scanner.scan()) {
    if (kind === TOKEN.comma) {
      lastComma = scanner.getTokenOffset();
      continue;
    }
    if ((kind === TOKEN.closeBrace || kind === TOKEN.closeBracket) && lastComma >= 0) found.push(lastComma);
    lastComma = -1;
  }
  return found;
}

const ERROR_TEXT: Record<string, string> = {
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "':' was expected after the property name",
  CommaExpected: "',' was expected between members",
  CloseBraceExpected: "'}' was expected",
  CloseBracketExpected: "']' was expected",
  EndOfFileExpected: 'text continues after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  InvalidSymbol: 'unexpected character',
};

function describeJsonError(text: string, error: jsonc.ParseError, commas: Set<number>): string {
  const before = text.slice(0, error.offset).trimEnd();
  const token = text[error.offset];
  if ((token === '}' || token === ']') && before.endsWith(',') && commas.has(before.length - 1)) {
    return `trailing comma before '${token}' (JSON allows none; --lenient removes it)`;
  }
  const code = jsonc.printParseErrorCode(error.error);
  return ERROR_TEXT[code] ?? code;
}

function parseJson(text: string, lenient: boolean): ParsedText | ParseFailure {
  const commas = trailingCommas(text);
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { allowTrailingComma: lenient, disallowComments: true });
  if (errors.length > 0 || tree === undefined) {
    const commaSet = new Set(commas);
    // jsonc reports a trailing comma twice at one offset (name expected, value expected): keep one.
    const seen = new Set<number>();
    const defects = errors
      .filter((e) => !seen.has(e.offset) && seen.add(e.offset))
      .map((e) => ({
        pointer: '',
        ...lineColumn(text, e.offset),
        message: describeJsonError(text, e, commaSet),
      }));
    if (defects.length === 0)
      defects.push({ pointer: '', line: 1, column: 1, message: 'the document is empty' });
    return { defects };
  }
  const repairs = lenient
    ? commas.map((offset) => ({
        pointer: '',
        ...lineColumn(text, offset),
        message: 'removed a trailing comma',
      }))
    : [];
  return {
    value: jsonc.getNodeValue(tree),
    format: 'json',
    repairs,
    locate(pointer) {
      const node = findJsonNode(tree, fromPointer(pointer));
      const at = node?.parent?.type === 'property' ? node.parent : node;
      return at ? lineColumn(text, at.offset) : undefined;
    },
  };
}

function parseYaml(text: string): ParsedText | ParseFailure {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      defects: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { pointer: '', line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? e.code };
      }),
    };
  }
  return {
    value: doc.toJS({ maxAliasCount: 1000 }),
    format: 'yaml',
    repairs: [],
    locate(pointer) {
      const node = findYamlNode(doc.contents, fromPointer(pointer));
      if (!isNode(node) || !node.range) return undefined;
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    },
  };
}

/** The node at a pointer's segments: array steps are indexes, object steps are keys. */
function findJsonNode(tree: jsonc.Node, segments: string[]): jsonc.Node | undefined {
  let node: jsonc.Node | undefined = tree;
  for (const segment of segments) {
    if (node?.type === 'object') {
      node = node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1];
    } else if (node?.type === 'array') {
      node = node.children?.[Number(segment)];
    } else return undefined;
  }
  return node;
}

/** As findJsonNode, for YAML, where `200:` is a number key and `'200':` a string key. */
function findYamlNode(root: unknown, segments: string[]): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (isSeq(node)) node = node.items[Number(segment)];
    else if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === segment);
      node = pair?.value;
    } else return undefined;
  }
  return node;
}
