import { EnvValidationError, loadEnv } from './config/env';
import { surviveUnhandledRejections } from './common/process-guards';
import { prepare } from './bootstrap';
import { createApp } from './create-app';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo/demo-data';
import { installGracefulShutdown } from './lifecycle/graceful-shutdown';

async function main() {
  surviveUnhandledRejections();
  const { env, embedded, stopDatabase } = await prepare(loadEnv());
  const app = await createApp(env);
  await app.listen(env.PORT, env.HOST);
  const url = `http://localhost:${env.PORT}`;
  // one login per role: the first demo user of each
  const firstOfRole = new Map(DEMO_ORGANISATIONS.flatMap((o) => o.users.map((u) => [u.role, `${u.email}  (${o.name})`] as const)).reverse());
  const logins = [...firstOfRole].reverse().map(([role, who]) => `    ${role.padEnd(18)} ${who}`);
  console.log(
    [
      '',
      `  Akiwa 空き輪 is running: ${url}`,
      `  API explorer:           ${url}/api/docs`,
      `  Database:               ${embedded ? `embedded PostgreSQL (data in ${env.DATA_DIR}/pg)` : 'DATABASE_URL'}`,
      ...(env.DEMO_DATA ?? embedded ? ['', `  Demo logins (password: ${DEMO_PASSWORD}):`, ...logins] : []),
      '',
    ].join('\n'),
  );
  installGracefulShutdown(app, env.SHUTDOWN_GRACE_MS, stopDatabase);
}

main().catch((e) => {
  console.error(e instanceof EnvValidationError ? e.message : e);
  process.exit(1);
});
