import { AuditIntegrity } from '../../src/audit/audit-integrity.service';
import { AuditLog } from '../../src/audit/audit-log.service';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';

/** Issue 8, "Audit you can trust": least privilege for the serving role, and a keyed chain. */
describe('the app database role', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUDIT_VERIFY_INTERVAL_MS: '100' });
    await t.login(DEMO.coordinator);
  });
  afterAll(() => t.close());

  it('is neither a superuser nor the owner of anything', async () => {
    const [me] = await t.db.query(`SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(me).toEqual({ name: 'akiwa_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await t.db.query(`SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user`);
    expect(owned).toEqual([]);
    const [{ trigger }] = await t.db.query(`SELECT bool_or(has_table_privilege(c.oid, 'TRIGGER')) AS trigger FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`);
    expect(trigger).toBe(false);
  });

  it.each([
    ['ALTER TABLE audit_log', `ALTER TABLE audit_log ADD COLUMN x int`, /must be owner/],
    ['disable its trigger', `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`, /must be owner/],
    ['drop its trigger', `DROP TRIGGER audit_log_no_update ON audit_log`, /must be owner/],
    ['DELETE from it', `DELETE FROM audit_log`, /permission denied/],
    ['UPDATE it', `UPDATE audit_log SET action = 'x'`, /permission denied/],
    ['TRUNCATE it', `TRUNCATE audit_log`, /permission denied/],
    ['remove a seal', `DELETE FROM audit_log_seals`, /permission denied/],
    ['move the keying boundary', `UPDATE audit_log_keying SET legacy_upto = 1000000`, /permission denied/],
    ['set the calendar units version (only its trigger does, so kept calendar pages stay exact)', `UPDATE calendar_units_version SET version = 1`, /permission denied/],
    ['create a table', `CREATE TABLE sneaky(id int)`, /permission denied/],
    ['create a function', `CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'`, /permission denied/],
    ['replay as a replica (triggers off)', `SET session_replication_role = replica`, /permission denied/],
    ['rewrite the migrations', `DELETE FROM migrations`, /permission denied/],
  ])('cannot %s', async (_what, sql, error) => {
    await expect(t.db.query(sql)).rejects.toThrow(error);
  });

  it('can still append to the audit log, through the app', async () => {
    const audit = t.app.get(AuditLog, { strict: false });
    await audit.record({ actor: null, action: 'test.append', subjectType: 'test', subjectId: '1' });
    expect(await audit.verify()).toMatchObject({ brokenAt: null });
  });

  it('detects a row rewritten by the owner even with every hash recomputed, and raises the alarm for admins', async () => {
    const integrity = t.app.get(AuditIntegrity, { strict: false });
    const admin = (await t.login(DEMO.admin)).accessToken;
    expect((await integrity.check()).status).toBe('ok');
    expect((await t.request('GET', '/api/admin/audit/integrity', { token: admin })).body).toMatchObject({ status: 'ok' });
    // the owner (a superuser) rewrites a row and recomputes the unkeyed chain from there: the hashes all match again
    const [{ id }] = await t.owner(`SELECT min(id)::text AS id FROM audit_log WHERE id > (SELECT legacy_upto FROM audit_log_keying)`);
    await t.owner(`
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET detail = '{"purpose":"nothing to see"}' WHERE id = ${id};
      DO $$ DECLARE r record; prev text; BEGIN
        SELECT hash INTO prev FROM audit_log WHERE id < ${id} ORDER BY id DESC LIMIT 1;
        FOR r IN SELECT * FROM audit_log WHERE id >= ${id} ORDER BY id LOOP
          prev := audit_log_row_hash(prev, r.id, r.at, r.actor_user_id, r.actor_organisation_id, r.action, r.subject_type, r.subject_id, r.detail);
          UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE id < r.id ORDER BY id DESC LIMIT 1), hash = prev WHERE id = r.id;
        END LOOP;
      END $$;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    const audit = t.app.get(AuditLog, { strict: false });
    expect(await audit.verify()).toMatchObject({ brokenAt: id, reason: 'seal' });
    // the scheduled check finds it on its own, and an admin sees it
    await waitFor(async () => (await t.request('GET', '/api/admin/audit/integrity', { token: admin })).body.status === 'broken');
    expect((await t.request('GET', '/api/admin/audit/integrity', { token: admin })).body).toMatchObject({ status: 'broken', brokenAt: id, reason: 'seal' });
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    expect((await t.request('GET', '/api/admin/audit/integrity', { token: coordinator })).status).toBe(403);
  });
});

async function waitFor(ok: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
