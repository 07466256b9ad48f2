import { EnvValidationError, loadEnv } from './env';

describe('loadEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnv({ PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
  });

  it('treats an empty DATABASE_URL as unset (embedded PostgreSQL)', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'localhost:6379'],
    ['NODE_ENV', 'staging'],
    ['JWT_SECRET', 'short'],
    ['PERSONAL_DATA_KEY', 'not-base64-32-bytes'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s and names it', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(EnvValidationError);
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('requires the database and secrets in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL, JWT_SECRET, PERSONAL_DATA_KEY, AUDIT_HMAC_KEY, MIGRATION_DATABASE_URL \(or APP_DATABASE_PASSWORD\), VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set/);
  });
});
