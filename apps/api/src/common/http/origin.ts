/**
 * Whether a browser's Origin may act on this server: our own host, or one of the configured origins.
 * Absent (not a browser) passes: the credentials alone decide. Anything unparsable (`null` from a
 * sandboxed iframe or a file: page, garbage) is refused — and never thrown, since this runs in
 * handshake hooks where a throw would be an unhandled rejection.
 * A Host without a port (nginx's `$host`) matches the origin's host name on any port.
 */
export function originAllowed(origin: unknown, host: unknown, extraOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  if (extraOrigins.includes(origin)) return true;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return url.host === host || (!host.includes(':') && url.hostname === host);
  } catch {
    return false;
  }
}

export const configuredOrigins = (list: string): string[] =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
