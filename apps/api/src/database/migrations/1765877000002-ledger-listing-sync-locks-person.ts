import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ledger_listing_sync() locks the touched persons (FOR NO KEY UPDATE, in id order) before it reads
 * their registrations, so that two transactions writing the same person's registration and sharing
 * rows take turns, and the second one's UPDATE (a new snapshot under READ COMMITTED) sees what the
 * first committed.
 *
 * Why: a centre shared a person while another transaction was changing the person's registration:
 * the new sharing row took the registration as it was before (the change was not committed yet), and
 * the change's own sync could not see the uncommitted sharing row, so after both committed the copy
 * was stale (measured: urgency 'watch' on the new sharing row, 'emergency' on the registration). The
 * row triggers before 1765877000000 had the same gap. FOR NO KEY UPDATE does not conflict with the
 * FOR KEY SHARE of foreign-key checks, so only listing syncs of the same person wait for each other.
 */
export class LedgerListingSyncLocksPerson1765877000002 implements MigrationInterface {
  name = 'LedgerListingSyncLocksPerson1765877000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(body(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(body(false));
  }
}

const body = (lock: boolean) => `
  CREATE OR REPLACE FUNCTION ledger_listing_sync() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    touched text;
  BEGIN
    IF current_setting('akiwa.ledger_listing_sync', true) = 'on' THEN
      RETURN NULL; -- fired by the UPDATE below
    END IF;
    -- nothing written (INSERT … ON CONFLICT DO NOTHING of an existing sharing row): nothing to plan
    IF TG_OP = 'DELETE' THEN
      IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
    ELSIF NOT EXISTS (SELECT FROM new_rows) THEN
      RETURN NULL;
    END IF;
    FOR i IN 0 .. TG_NARGS - 1 LOOP
      touched := concat_ws(' UNION ', touched, format('SELECT person_id FROM %I', TG_ARGV[i]));
    END LOOP;
    ${lock ? `EXECUTE format('SELECT FROM persons WHERE id IN (%s) ORDER BY id FOR NO KEY UPDATE', touched);` : ''}
    PERFORM set_config('akiwa.ledger_listing_sync', 'on', true);
    EXECUTE format($sql$
      UPDATE person_organisations s
         SET registration_id = r.id, urgency_tier = r.urgency_tier, next_review_on = r.next_review_on,
             municipality_code = r.municipality_code, risk_flags = r.risk_flags
        FROM (SELECT DISTINCT person_id FROM (%s) t) t LEFT JOIN registrations r ON r.person_id = t.person_id
       WHERE s.person_id = t.person_id
         AND (s.registration_id, s.urgency_tier, s.next_review_on, s.municipality_code, s.risk_flags)
             IS DISTINCT FROM (r.id, r.urgency_tier, r.next_review_on, r.municipality_code, r.risk_flags)$sql$, touched);
    PERFORM set_config('akiwa.ledger_listing_sync', 'off', true);
    RETURN NULL;
  END $$;`;
