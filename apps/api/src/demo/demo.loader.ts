import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo-data';

/** Loads the demo set; idempotent (existing rows, matched by name or email, are left alone). */
export async function loadDemoData(db: DataSource): Promise<{ organisations: number; users: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let organisations = 0;
  let users = 0;
  await db.transaction(async (tx) => {
    for (const org of DEMO_ORGANISATIONS) {
      const inserted = await tx.query(
        `INSERT INTO organisations(name, kind, municipality_code) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id`,
        [org.name, org.kind, org.municipalityCode],
      );
      organisations += inserted.length;
      const [{ id }] = await tx.query(`SELECT id FROM organisations WHERE name = $1`, [org.name]);
      for (const u of org.users) {
        const added = await tx.query(
          `INSERT INTO users(organisation_id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
          [id, u.email, u.displayName, u.role, passwordHash],
        );
        users += added.length;
      }
    }
  });
  return { organisations, users };
}
