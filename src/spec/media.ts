/** Media types (RFC 9110 §8.3.1) as the checks compare them: parameters dropped, case folded. */

export function essence(contentType: string | null | undefined): string | undefined {
  const value = contentType?.split(';')[0]?.trim().toLowerCase();
  return value ? value : undefined;
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

export function isTextMediaType(mediaType: string): boolean {
  return mediaType.startsWith('text/');
}

/** The declared media type key a received type answers to: exact, then `type/*`, then `*\/*`. */
export function matchMediaType(declared: string[], received: string): string | undefined {
  const byEssence = new Map(declared.map((key) => [essence(key) ?? key, key]));
  const [type] = received.split('/');
  return byEssence.get(received) ?? byEssence.get(`${type}/*`) ?? byEssence.get('*/*');
}
