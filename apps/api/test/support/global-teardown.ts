import { Client } from 'pg';

export default async function globalTeardown() {
  const admin = process.env.AKIWA_TEST_ADMIN_URL;
  const run = process.env.AKIWA_TEST_RUN;
  if (admin && run) {
    const c = new Client({ connectionString: admin });
    await c.connect();
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await c.end();
  }
  await globalThis.__AKIWA_STOP_PG__?.();
}
