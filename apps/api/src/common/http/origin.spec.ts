import { originAllowed } from './origin';

describe('originAllowed', () => {
  it('accepts our own host and configured origins, and non-browser clients', () => {
    expect(originAllowed('http://localhost:3000', 'localhost:3000', [])).toBe(true);
    expect(originAllowed('https://akiwa.example', 'akiwa.example', [])).toBe(true);
    expect(originAllowed('http://dev.example:5173', 'api.example', ['http://dev.example:5173'])).toBe(true);
    expect(originAllowed(undefined, 'localhost:3000', [])).toBe(true);
  });

  it('refuses, without throwing, other hosts and anything unparsable', () => {
    for (const origin of ['null', '', 'http://[::1', '://', 'file://', 'http://evil.example', 'javascript:alert(1)', 42, ['a']]) {
      expect(originAllowed(origin, 'localhost:3000', [])).toBe(false);
    }
    expect(originAllowed('http://localhost:3000', undefined, [])).toBe(false);
  });
});
