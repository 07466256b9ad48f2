import { addressAllowed, guardedLookup } from './webhook-address';

describe('webhook SSRF guard', () => {
  it('refuses private, loopback, link-local and reserved addresses, IPv4 and IPv6', () => {
    for (const a of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fd12::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) {
      expect([a, addressAllowed(a, false)]).toEqual([a, false]);
    }
  });

  it('accepts public addresses, and loopback only when allowed (tests)', () => {
    for (const a of ['8.8.8.8', '203.0.114.1', '2001:4860:4860::8888']) expect([a, addressAllowed(a, false)]).toEqual([a, true]);
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('::1', true)).toBe(true);
    expect(addressAllowed('10.0.0.1', true)).toBe(false);
    expect(addressAllowed('not-an-ip', true)).toBe(false);
  });

  it('refuses at connection time a name that resolves to a private address', async () => {
    const lookup = guardedLookup(false);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup('localhost', { all: false }, (e) => resolve(e)));
    expect(err?.code).toBe('EWEBHOOKBLOCKED');
    const ok = await new Promise<unknown>((resolve) => guardedLookup(true)('localhost', { all: true }, (e, addresses) => resolve(e ?? addresses)));
    expect(Array.isArray(ok)).toBe(true);
  });
});
