/** Tiers: unit (pure, beside the code), api (real PostgreSQL, real HTTP/socket.io), browser (real Chromium). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true, tsx: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: { '^@akiwa/(contracts|domain)$': '<rootDir>/libs/$1/src/index.ts' },
};

module.exports = {
  // real databases, servers and browsers: generous, the machines are shared
  testTimeout: 90000,
  globalSetup: '<rootDir>/apps/api/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts'] },
    // the web's cache and queue logic, on TanStack Query's real QueryClient (no DOM needed)
    { ...common, displayName: 'web', testMatch: ['<rootDir>/apps/web/src/**/*.spec.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/apps/api/test/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/apps/web/test/**/*.browser-spec.ts'] },
    // issue 8: attacks on sessions, handshakes and logins, API and browser alike
    { ...common, displayName: 'security', testMatch: ['<rootDir>/apps/*/test/security/**/*.security-spec.ts'] },
  ],
};
