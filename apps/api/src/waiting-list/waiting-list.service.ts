import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, OrganisationKind, Role, type WaitingEntryView, type WaitingPrompt } from '@akiwa/contracts';
import { addDays, serviceNight } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { returning } from '../database/sql';
import { trialAad, TrialPersonalData } from '../trial-stays/trial-personal-data';
import { TrialPersonsService } from '../trial-stays/trial-persons.service';
import type { CreateWaitingEntryDto, WaitingListQuery } from './waiting-list.dto';

const ENTRY = { ja: '待機者', en: 'Waiting-list entry' };
/** How far ahead free beds count for a prompt. */
const PROMPT_DAYS = 30;

const ENTRY_SELECT = `
  SELECT w.id, w.organisation_id AS "organisationId", o.name AS "organisationName", w.unit_id AS "unitId",
         w.display_name_encrypted AS "displayNameEncrypted", w.age_band AS "ageBand", w.gender, w.categories, w.room_gender AS "roomGender",
         w.notes_encrypted AS "notesEncrypted", w.waiting_since::text AS "waitingSince",
         w.coordinator_organisation_id AS "coordinatorOrganisationId", c.name AS "coordinatorOrganisationName"
  FROM waiting_list_entries w JOIN organisations o ON o.id = w.organisation_id LEFT JOIN organisations c ON c.id = w.coordinator_organisation_id`;

/** An entry as stored: name and notes sealed. */
type EntryRow = Omit<WaitingEntryView, 'identified' | 'displayName' | 'notes'> & {
  displayNameEncrypted: Buffer;
  notesEncrypted: Buffer;
};

/**
 * 待機者 lists of group homes. The home itself and the consultation centre following the person see
 * names and notes (decrypted, the read audited); everyone else (other providers, for the area's
 * demand) sees the entry de-identified, and for them nothing is decrypted.
 */
@Injectable()
export class WaitingListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: TrialPersonsService,
    private readonly personal: TrialPersonalData,
    private readonly clock: Clock,
  ) {}

  /** Identified rows are decrypted and recorded in one audit row; the others are never decrypted. */
  async list(auth: AuthUser, q: WaitingListQuery): Promise<WaitingEntryView[]> {
    const organisationId = q.organisationId ?? (auth.role === Role.ProviderStaff ? auth.organisationId : null);
    const rows: EntryRow[] = await this.db.query(
      `${ENTRY_SELECT}
       WHERE w.removed_at IS NULL AND ($1::uuid IS NULL OR w.organisation_id = $1) AND ($1::uuid IS NOT NULL OR w.coordinator_organisation_id = $2)
       ORDER BY w.waiting_since, w.created_at`,
      [organisationId, auth.organisationId],
    );
    const identified = (r: EntryRow) => auth.role === Role.Admin || r.organisationId === auth.organisationId || r.coordinatorOrganisationId === auth.organisationId;
    await this.personal.logRead(auth, { action: 'waiting_list_entry.list', subjectType: 'waiting_list_entry', subjectIds: rows.filter(identified).map((r) => r.id) });
    return rows.map((r) => this.toView(r, identified(r)));
  }

  async create(auth: AuthUser, dto: CreateWaitingEntryDto): Promise<WaitingEntryView> {
    let organisationId: string;
    let fields: { displayName: string; ageBand: string; gender: string; categories: string[]; personId: string | null; coordinatorOrganisationId: string | null };
    if (auth.role === Role.ProviderStaff) {
      organisationId = auth.organisationId;
      if (!dto.displayName || !dto.ageBand || !dto.gender) {
        const field = !dto.displayName ? 'displayName' : !dto.ageBand ? 'ageBand' : 'gender';
        throw AppException.invalidField(field, 'isDefined', { ja: `「${field}」は必須です`, en: `${field} is required` });
      }
      fields = { displayName: dto.displayName, ageBand: dto.ageBand, gender: dto.gender, categories: dto.categories ?? [], personId: null, coordinatorOrganisationId: null };
    } else {
      if (!dto.organisationId || !dto.personId) {
        const field = !dto.organisationId ? 'organisationId' : 'personId';
        throw AppException.invalidField(field, 'isDefined', { ja: `「${field}」は必須です`, en: `${field} is required` });
      }
      const [org] = await this.db.query(`SELECT kind FROM organisations WHERE id = $1`, [dto.organisationId]);
      if (org?.kind !== OrganisationKind.Provider) {
        throw AppException.invalidField('organisationId', 'not_provider', { ja: '「organisationId」は事業所を指定してください', en: 'organisationId must be a provider' });
      }
      organisationId = dto.organisationId;
      const p = this.persons.reveal(await this.persons.own(auth, dto.personId)); // copied, sealed for the entry below
      fields = { displayName: p.displayName, ageBand: p.ageBand, gender: p.gender, categories: p.categories, personId: p.id, coordinatorOrganisationId: auth.organisationId };
    }
    if (dto.unitId) {
      const [u] = await this.db.query(`SELECT 1 FROM units WHERE id = $1 AND organisation_id = $2 AND retired_at IS NULL`, [dto.unitId, organisationId]);
      if (!u) throw AppException.invalidField('unitId', 'unknown_unit', { ja: '「unitId」はこの事業所の居室ではありません', en: 'unitId is not a room of this provider' });
    }
    const id = randomUUID();
    return this.db
      .transaction(async (tx) => {
        if (!fields.personId) fields.personId = await this.providerPerson(tx, auth, organisationId, dto.unitId ?? null, fields);
        await tx.query(
          `INSERT INTO waiting_list_entries(id, organisation_id, unit_id, person_id, coordinator_organisation_id, display_name_encrypted, age_band, gender, categories,
             room_gender, notes_encrypted, waiting_since, created_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
          [id, organisationId, dto.unitId ?? null, fields.personId, fields.coordinatorOrganisationId, this.personal.seal(fields.displayName, trialAad.waitingName(id)),
            fields.ageBand, fields.gender, fields.categories, dto.roomGender, this.personal.seal(dto.notes ?? '', trialAad.waitingNotes(id)), dto.waitingSince, auth.userId],
        );
        await this.personal.logRead(auth, { action: 'waiting_list_entry.create', subjectType: 'waiting_list_entry', subjectIds: [id], detail: { personId: fields.personId } }, tx);
        return this.readOne(auth, id, tx);
      })
      .catch((e) => {
        if (pgError(e)?.constraint === 'waiting_list_person_key') {
          throw new AppException(ErrorCode.Conflict, { ja: 'この方はすでにこの事業所の待機者です', en: 'This person is already waiting at this home' });
        }
        throw e;
      });
  }

  /**
   * A person typed in by the home itself (not known to a centre yet) is a person of the ledger too,
   * owned by the home and in its municipality: the waiting list, trial stays and emergency requests
   * all refer to one record per person.
   */
  private async providerPerson(tx: EntityManager, auth: AuthUser, organisationId: string, unitId: string | null, f: { displayName: string; ageBand: string; gender: string; categories: string[] }): Promise<string> {
    const id = randomUUID();
    const [row] = await tx.query(
      `INSERT INTO persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs, created_by)
       SELECT $1, o.id, $2, $3, $4, coalesce(u.municipality_code, o.municipality_code), $5, NULL, '{}', $6
       FROM organisations o LEFT JOIN units u ON u.id = $7 WHERE o.id = $8 AND coalesce(u.municipality_code, o.municipality_code) IS NOT NULL
       RETURNING id`,
      [id, this.personal.seal(f.displayName, trialAad.personName(id)), f.ageBand, f.gender, f.categories, auth.userId, unitId, organisationId],
    );
    return row?.id ?? null;
  }

  /** The entry just written, as its writer sees it (the write's audit row covers the read). */
  private async readOne(auth: AuthUser, id: string, db: EntityManager): Promise<WaitingEntryView> {
    const [r]: EntryRow[] = await db.query(
      `${ENTRY_SELECT}
       WHERE w.id = $1`,
      [id],
    );
    return this.toView(r, true);
  }

  private toView({ displayNameEncrypted, notesEncrypted, ...r }: EntryRow, identified: boolean): WaitingEntryView {
    if (!identified) return { ...r, displayName: null, notes: null, identified }; // nothing decrypted
    return {
      ...r,
      displayName: this.personal.open(displayNameEncrypted, trialAad.waitingName(r.id)),
      notes: this.personal.open(notesEncrypted, trialAad.waitingNotes(r.id)),
      identified,
    };
  }

  /** The home or the following consultation centre takes an entry off the list. */
  async remove(auth: AuthUser, id: string): Promise<void> {
    const rows = await returning(
      this.db,
      `UPDATE waiting_list_entries SET removed_at = now() WHERE id = $1 AND removed_at IS NULL AND ($3 OR organisation_id = $2 OR coordinator_organisation_id = $2) RETURNING id`,
      [id, auth.organisationId, auth.role === Role.Admin],
    );
    if (!rows.length) throw AppException.notFound(ENTRY);
  }

  /**
   * Rooms of the caller's group homes with free beds in the next 30 nights while people wait for a
   * room they fit: the provider is prompted to offer the room to them first. Computed when asked
   * (the page refetches on vacancy and trial-stay events), so it can never be stale.
   */
  async prompts(auth: AuthUser): Promise<WaitingPrompt[]> {
    const today = serviceNight(this.clock.now());
    return this.db.query(
      `WITH free AS (
         SELECT v.unit_id, min(v.night)::text AS first, count(DISTINCT v.night)::int AS nights
         FROM vacancies v JOIN units u ON u.id = v.unit_id
         WHERE u.organisation_id = $1 AND u.retired_at IS NULL AND u.service_type LIKE 'group_home_%'
           AND v.night BETWEEN $2::date AND $3::date AND v.free > v.held
         GROUP BY v.unit_id
       )
       SELECT u.id AS "unitId", u.name AS "unitName", f.first AS "firstFreeNight", f.nights AS "freeNights",
              count(w.id)::int AS waiting, min(w.waiting_since)::text AS "longestWaitingSince"
       FROM free f JOIN units u ON u.id = f.unit_id
       JOIN waiting_list_entries w ON w.organisation_id = u.organisation_id AND w.removed_at IS NULL
         AND (w.unit_id IS NULL OR w.unit_id = u.id) AND (u.room_gender = 'either' OR u.room_gender = w.gender)
       GROUP BY u.id, u.name, f.first, f.nights
       ORDER BY min(w.waiting_since), u.name`,
      [auth.organisationId, today, addDays(today, PROMPT_DAYS)],
    );
  }
}
