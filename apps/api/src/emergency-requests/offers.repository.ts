import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Gender, OfferView, RequestStatus, VacancyNight } from '@akiwa/contracts';
import { nightsFrom } from '@akiwa/domain';
import { returning } from '../database/sql';

type NightRow = Omit<VacancyNight, 'confirmedAt'> & { unitId: string; confirmedAt: Date };
const RETURNED = `v.unit_id AS "unitId", v.night::text AS night, v.gender, v.free, v.held, v.confirmed_at AS "confirmedAt"`;
const toNight = ({ unitId: _, ...r }: NightRow): VacancyNight => ({ ...r, confirmedAt: r.confirmedAt.toISOString() });

export interface ConfirmedOfferRow {
  organisationId: string;
  unitName: string;
}

export interface ExpiredOfferRow {
  id: string;
  requestId: string;
  organisationId: string;
  organisationName: string;
}

/** An offer as shown, before its distance and closing reason are worked out from its request. */
export type OfferViewRow = Omit<OfferView, 'distance' | 'expiresAt' | 'createdAt' | 'closedReason'> & {
  expiresAt: Date;
  createdAt: Date;
  homeCode: string;
  contractedOrganisationId: string | null;
  requestStatus: RequestStatus;
};

const OFFER_COLUMNS = `o.id, o.request_id AS "requestId", o.organisation_id AS "organisationId", org.name AS "organisationName",
  o.unit_id AS "unitId", u.name AS "unitName", u.municipality_code AS "municipalityCode", o.status,
  o.expires_at AS "expiresAt", o.created_at AS "createdAt", u.contact_24h AS "contact24h",
  e.municipality_code AS "homeCode", e.contracted_organisation_id AS "contractedOrganisationId", e.status AS "requestStatus"`;
const OFFER_FROM = `offers o JOIN units u ON u.id = o.unit_id JOIN organisations org ON org.id = o.organisation_id JOIN emergency_requests e ON e.id = o.request_id`;

export type HoldResult = { nights: VacancyNight[]; failedNight: null } | { nights: null; failedNight: string };

/**
 * The SQL of a request's offers and the beds they hold (`offers`, `offer_nights` and the `held`
 * count of `vacancies`). Every write runs in the caller's transaction, which holds the request row's
 * lock where the use-case says so.
 */
@Injectable()
export class OffersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every offer of a request, as shown (unranked). */
  async viewsOfRequest(requestId: string, db: DataSource | EntityManager = this.db): Promise<OfferViewRow[]> {
    return db.query(`SELECT ${OFFER_COLUMNS} FROM ${OFFER_FROM} WHERE o.request_id = $1`, [requestId]);
  }

  /** The given offers, as shown (unranked). */
  async views(offerIds: string[], db: DataSource | EntityManager = this.db): Promise<OfferViewRow[]> {
    return db.query(`SELECT ${OFFER_COLUMNS} FROM ${OFFER_FROM} WHERE o.id = ANY($1::uuid[])`, [offerIds]);
  }

  async insert(tx: EntityManager, offer: { requestId: string; organisationId: string; unitId: string; expiresAt: Date; createdBy: string }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO offers(request_id, organisation_id, unit_id, expires_at, created_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [offer.requestId, offer.organisationId, offer.unitId, offer.expiresAt, offer.createdBy],
    );
    return row.id;
  }

  /** Whether the organisation has a held or confirmed offer on the request. */
  async hasLive(tx: EntityManager, requestId: string, organisationId: string): Promise<boolean> {
    const [live] = await tx.query(`SELECT 1 FROM offers WHERE request_id = $1 AND organisation_id = $2 AND status IN ('held','confirmed')`, [requestId, organisationId]);
    return !!live;
  }

  /** held → withdrawn, only the organisation's own held offer (the conditional update decides); its request, or undefined. */
  async withdrawHeld(tx: EntityManager, offerId: string, organisationId: string): Promise<{ requestId: string } | undefined> {
    const [offer] = await returning<{ requestId: string }>(
      tx,
      `UPDATE offers SET status = 'withdrawn', closed_at = now() WHERE id = $1 AND organisation_id = $2 AND status = 'held' RETURNING request_id AS "requestId"`,
      [offerId, organisationId],
    );
    return offer;
  }

  async organisationOf(tx: EntityManager, offerId: string): Promise<string | undefined> {
    const [o] = await tx.query(`SELECT organisation_id AS "organisationId" FROM offers WHERE id = $1`, [offerId]);
    return o?.organisationId;
  }

  /** held → confirmed, only if still held and unexpired at `now` (racing the expiry poller on the offer row). */
  async confirmHeld(tx: EntityManager, requestId: string, offerId: string, now: Date): Promise<ConfirmedOfferRow | undefined> {
    const [offer] = await returning<ConfirmedOfferRow>(
      tx,
      `UPDATE offers o SET status = 'confirmed' FROM units u
           WHERE o.id = $2 AND o.request_id = $1 AND o.status = 'held' AND o.expires_at > $3 AND u.id = o.unit_id
           RETURNING o.organisation_id AS "organisationId", u.name AS "unitName"`,
      [requestId, offerId, now],
    );
    return offer;
  }

  async existsOnRequest(tx: EntityManager, offerId: string, requestId: string): Promise<boolean> {
    const [exists] = await tx.query(`SELECT 1 FROM offers WHERE id = $1 AND request_id = $2`, [offerId, requestId]);
    return !!exists;
  }

  /** Every held offer of the request → released; their ids (the caller then gives back their beds). */
  async releaseHeldOf(tx: EntityManager, requestId: string): Promise<string[]> {
    const rows = await returning<{ id: string }>(tx, `UPDATE offers SET status = 'released', closed_at = now() WHERE request_id = $1 AND status = 'held' RETURNING id`, [requestId]);
    return rows.map((o) => o.id);
  }

  /** Up to `batch` offers held past `now` → expired, claimed FOR NO KEY UPDATE SKIP LOCKED in expiry order. */
  async expireDue(tx: EntityManager, now: Date, batch: number): Promise<ExpiredOfferRow[]> {
    return returning<ExpiredOfferRow>(
      tx,
      `UPDATE offers o SET status = 'expired', closed_at = now()
           FROM (SELECT id FROM offers WHERE status = 'held' AND expires_at <= $1 ORDER BY expires_at LIMIT ${Number(batch)} FOR NO KEY UPDATE SKIP LOCKED) due,
                organisations org
           WHERE o.id = due.id AND org.id = o.organisation_id
           RETURNING o.id, o.request_id AS "requestId", o.organisation_id AS "organisationId", org.name AS "organisationName"`,
      [now],
    );
  }

  /** When the request's last held offer expires; null when none is held. */
  async heldUntil(tx: EntityManager, requestId: string): Promise<Date | null> {
    const [{ until }] = await tx.query(`SELECT max(expires_at) AS until FROM offers WHERE request_id = $1 AND status = 'held'`, [requestId]);
    return until;
  }

  async heldCount(tx: EntityManager, requestId: string): Promise<number> {
    const [{ holds }] = await tx.query(`SELECT count(*)::int AS holds FROM offers WHERE request_id = $1 AND status = 'held'`, [requestId]);
    return holds;
  }

  /** The organisation whose offer on the request is confirmed, if any. */
  async confirmedOrganisation(tx: EntityManager, requestId: string): Promise<string | undefined> {
    const [placed] = await tx.query(`SELECT organisation_id AS id FROM offers WHERE request_id = $1 AND status = 'confirmed'`, [requestId]);
    return placed?.id;
  }

  /**
   * Holds one bed on each night for an offer, in the caller's transaction: per night, the person's own
   * gender row if it has a free bed, else the `any` row. The conditional UPDATE (held < free, confirmed
   * after the unknown cutoff) is the decision; the CHECK (held <= free) is the last guard. Nights are
   * taken in ascending order, like every other writer of vacancies, so concurrent writers cannot
   * deadlock. Returns null at the first night without a bed: the caller rolls back.
   */
  async holdBeds(tx: EntityManager, offerId: string, unitId: string, from: string, nights: number, gender: Gender, unknownBefore: Date): Promise<HoldResult> {
    const held: VacancyNight[] = [];
    for (const night of nightsFrom(from, nights)) {
      const [row] = await returning<NightRow>(
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
  async releaseBeds(tx: EntityManager, offerIds: string[]): Promise<Map<string, VacancyNight[]>> {
    const byUnit = new Map<string, VacancyNight[]>();
    if (!offerIds.length) return byUnit;
    await tx.query(
      `SELECT 1 FROM vacancies v
     JOIN (SELECT DISTINCT unit_id, night, gender FROM offer_nights WHERE offer_id = ANY($1::uuid[])) n
       ON v.unit_id = n.unit_id AND v.night = n.night AND v.gender = n.gender
     ORDER BY v.unit_id, v.night, v.gender FOR NO KEY UPDATE OF v`,
      [offerIds],
    );
    const rows = await returning<NightRow>(
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
}
