/**
 * Secrets never reach a log, a report or an error message (developers' guide, Standards). Every secret
 * value the run knows (tokens, private keys, subscription keys, extra header values) is registered
 * here once; `redact` replaces each with a marker, and JWT-shaped strings are masked even when
 * nobody registered them (a token that came back in a body, say).
 */

const MARK = '[redacted]';
const secrets = new Set<string>();
/** Header names whose values are always secret, whatever their value. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'ocp-apim-subscription-key',
  'cookie',
  'set-cookie',
]);
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** Values shorter than this are not registered: redacting "1" everywhere would destroy reports. */
const MIN_SECRET_LENGTH = 6;

/** The secrets longest first, so a secret containing another is masked whole; sorted again on a change. */
let longestFirst: string[] = [];

export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  longestFirst = [...secrets].sort((a, b) => b.length - a.length);
}

export function registerSecretHeader(name: string): void {
  SECRET_HEADERS.add(name.toLowerCase());
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

export function redact(text: string): string {
  let out = text;
  for (const secret of longestFirst) if (out.includes(secret)) out = out.split(secret).join(MARK);
  return out.replace(JWT, MARK);
}

/** A header bag with secret values masked, for logs and failure messages. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return Object.fromEntries(
    entries.map(([name, value]) => [name, isSecretHeader(name) ? MARK : redact(value)]),
  );
}
