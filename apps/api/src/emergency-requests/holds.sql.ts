import type { EntityManager } from 'typeorm';
import type { Gender, VacancyNight } from '@akiwa/contracts';
import { nightsFrom } from '@akiwa/domain';
import { returning } from '../database/sql';

type Row = Omit<VacancyNight, 'confirmedAt'> & { unitId: string; confirmedAt: Date };
const RETURNED = `v.unit_id AS "unitId", v.night::text AS night, v.gender, v.free, v.held, v.confirmed_at AS "confirmedAt"`;
const toNight = ({ unitId: _, ...r }: Row): VacancyNight => ({ ...r, confirmedAt: r.confirmedAt.toISOString() });

/**
 * Holds one bed on each night for an offer, in the caller's transaction: per night, the person's own
 * gender row if it has a free bed, else the `any` row. The conditional UPDATE (held < free, confirmed
 * after the unknown cutoff) is the decision; the CHECK (held <= free) is the last guard. Nights are
 * taken in ascending order, like every other writer of vacancies, so concurrent writers cannot
 * deadlock. Returns null at the first night without a bed: the caller rolls back.
 */
export async function holdBeds(
  tx: EntityManager,
  offerId: string,
  unitId: string,
  from: string,
  nights: number,
  gender: Gender,
  unknownBefore: Date,
): Promise<{ nights: VacancyNight[]; failedNight: null } | { nights: null; failedNight: string }> {
  const held: VacancyNight[] = [];
  for (const night of nightsFrom(from, nights)) {
    const [row] = await returning<Row>(
      tx,
      `UPDATE vacancies v SET held = v.held + 1
       FROM (SELECT gender FROM vacancies
             WHERE unit_id = $1 AND night = $2 AND gender IN ($3, 'any') AND held < free AND confirmed_at > $4
             ORDER BY gender = 'any' LIMIT 1 FOR NO KEY UPDATE) pick
       WHERE v.unit_id = $1 AND v.night = $2 AND v.gender = pick.gender AND v.held < v.free
       RETURNING ${RETURNED}`,
      [unitId, night, gender, unknownBefore],
    );
    if (!row) return { nights: null, failedNight: night };
    held.push(toNight(row));
  }
  await tx.query(
    `INSERT INTO offer_nights(offer_id, unit_id, night, gender) SELECT $1, $2, n.night, n.gender FROM unnest($3::date[], $4::text[]) AS n(night, gender)`,
    [offerId, unitId, held.map((n) => n.night), held.map((n) => n.gender)],
  );
  return { nights: held, failedNight: null };
}

/**
 * Gives back the beds of offers that the caller has just moved out of `held` in the same
 * transaction (so each offer is released exactly once). Rows are locked in (unit, night, gender)
 * order first: an UPDATE … FROM join locks in no particular order, which could deadlock with a hold.
 */
export async function releaseBeds(tx: EntityManager, offerIds: string[]): Promise<Map<string, VacancyNight[]>> {
  const byUnit = new Map<string, VacancyNight[]>();
  if (!offerIds.length) return byUnit;
  await tx.query(
    `SELECT 1 FROM vacancies v
     JOIN (SELECT DISTINCT unit_id, night, gender FROM offer_nights WHERE offer_id = ANY($1::uuid[])) n
       ON v.unit_id = n.unit_id AND v.night = n.night AND v.gender = n.gender
     ORDER BY v.unit_id, v.night, v.gender FOR NO KEY UPDATE OF v`,
    [offerIds],
  );
  const rows = await returning<Row>(
    tx,
    `UPDATE vacancies v SET held = v.held - n.count
     FROM (SELECT unit_id, night, gender, count(*)::int AS count FROM offer_nights WHERE offer_id = ANY($1::uuid[]) GROUP BY 1, 2, 3) n
     WHERE v.unit_id = n.unit_id AND v.night = n.night AND v.gender = n.gender
     RETURNING ${RETURNED}`,
    [offerIds],
  );
  for (const r of rows.sort((a, b) => a.night.localeCompare(b.night) || a.gender.localeCompare(b.gender))) {
    byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), toNight(r)]);
  }
  return byUnit;
}
