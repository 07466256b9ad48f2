import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returning } from '../database/sql';
import type { Notified } from './escalations.repository';

/** The raising provider: its name, municipality and that municipality's region. */
export interface RaiserRow {
  name: string;
  municipalityCode: string | null;
  regionId: string | null;
}

export interface UrgentContactRow {
  id: string;
  organisationName: string;
  summary: string;
  createdAt: Date;
  notified: Notified[];
  ackAt: Date | null;
  /** Written in the same UPDATE as ackAt: read it only when ackAt is set. */
  ackBy: string;
}

/** The SQL of 緊急の相談 (urgent_contacts) and of the look-ups that decide whom it reaches. */
@Injectable()
export class UrgentContactsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async raiser(organisationId: string): Promise<RaiserRow | undefined> {
    const [org] = await this.db.query(
      `SELECT o.name, o.municipality_code AS "municipalityCode", m.region_id AS "regionId" FROM organisations o LEFT JOIN municipalities m ON m.code = o.municipality_code WHERE o.id = $1`,
      [organisationId],
    );
    return org;
  }

  async insert(tx: EntityManager, c: { organisationId: string; createdBy: string; summary: string; createdAt: Date; notified: Notified[] }): Promise<string> {
    const [{ id }] = await tx.query(`INSERT INTO urgent_contacts(organisation_id, created_by, summary, created_at, notified) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      c.organisationId,
      c.createdBy,
      c.summary,
      c.createdAt,
      JSON.stringify(c.notified),
    ]);
    return id;
  }

  /** Whether this user was told of the contact (an alert was written for them). */
  async wasTold(contactId: string, userId: string): Promise<boolean> {
    const [told] = await this.db.query(`SELECT 1 FROM alert_notifications WHERE contact_id = $1 AND user_id = $2`, [contactId, userId]);
    return !!told;
  }

  /** The first acknowledgement counts: a later one changes nothing. */
  async acknowledge(id: string, at: Date, by: string): Promise<void> {
    await returning(this.db, `UPDATE urgent_contacts SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING 1`, [id, at, by]);
  }

  /** The organisation's 20 latest contacts, newest first. */
  async latestIds(organisationId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM urgent_contacts WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 20`, [organisationId]);
    return rows.map((r) => r.id);
  }

  async view(id: string): Promise<UrgentContactRow | undefined> {
    const [r] = await this.db.query(
      `SELECT c.id, o.name AS "organisationName", c.summary, c.created_at AS "createdAt", c.notified, c.acknowledged_at AS "ackAt", u.display_name AS "ackBy"
       FROM urgent_contacts c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN users u ON u.id = c.acknowledged_by WHERE c.id = $1`,
      [id],
    );
    return r;
  }

  /** The consultation centres of a municipality, by name. */
  async centresOf(municipalityCode: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM organisations WHERE kind = 'consultation_centre' AND municipality_code = $1 ORDER BY name`, [municipalityCode]);
    return rows.map((r) => r.id);
  }

  /** Every active coordinator of the region's centres: who is told when no rota names anyone. */
  async coordinatorsOfRegion(regionId: string): Promise<Notified[]> {
    return this.db.query(
      `SELECT u.id AS "userId", u.display_name AS name FROM users u JOIN organisations o ON o.id = u.organisation_id JOIN municipalities m ON m.code = o.municipality_code
       WHERE m.region_id = $1 AND o.kind = 'consultation_centre' AND u.role = 'coordinator' AND u.active ORDER BY u.display_name`,
      [regionId],
    );
  }
}
