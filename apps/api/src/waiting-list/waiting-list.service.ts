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
import { trialAad, TrialPersonalData } from '../trial-stays/trial-personal-data';
import { TrialPersonsService } from '../trial-stays/trial-persons.service';
import type { CreateWaitingEntryDto, WaitingListQuery } from './waiting-list.dto';
import { type EntryRow, WaitingListRepository } from './waiting-list.repository';
import { Things, VALIDATION_MESSAGES, WaitingListTexts } from '../common/errors/texts';

/** How far ahead free beds count for a prompt. */
const PROMPT_DAYS = 30;

/**
 * 待機者 lists of group homes. The home itself and the consultation centre following the person see
 * names and notes (decrypted, the read audited); everyone else (other providers, for the area's
 * demand) sees the entry de-identified, and for them nothing is decrypted.
 */
@Injectable()
export class WaitingListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: WaitingListRepository,
    private readonly persons: TrialPersonsService,
    private readonly personal: TrialPersonalData,
    private readonly clock: Clock,
  ) {}

  /** Identified rows are decrypted and recorded in one audit row; the others are never decrypted. */
  async list(auth: AuthUser, q: WaitingListQuery): Promise<WaitingEntryView[]> {
    const organisationId = q.organisationId ?? (auth.role === Role.ProviderStaff ? auth.organisationId : null);
    const rows = await this.repo.open(organisationId, auth.organisationId);
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
        throw AppException.invalidField(field, 'isDefined', VALIDATION_MESSAGES.isDefined(field, ''));
      }
      fields = { displayName: dto.displayName, ageBand: dto.ageBand, gender: dto.gender, categories: dto.categories ?? [], personId: null, coordinatorOrganisationId: null };
    } else {
      if (!dto.organisationId || !dto.personId) {
        const field = !dto.organisationId ? 'organisationId' : 'personId';
        throw AppException.invalidField(field, 'isDefined', VALIDATION_MESSAGES.isDefined(field, ''));
      }
      if ((await this.repo.organisationKind(dto.organisationId)) !== OrganisationKind.Provider) {
        throw AppException.invalidField('organisationId', 'not_provider', WaitingListTexts.notAProvider);
      }
      organisationId = dto.organisationId;
      const p = this.persons.reveal(await this.persons.own(auth, dto.personId)); // copied, sealed for the entry below
      fields = { displayName: p.displayName, ageBand: p.ageBand, gender: p.gender, categories: p.categories, personId: p.id, coordinatorOrganisationId: auth.organisationId };
    }
    if (dto.unitId) {
      if (!(await this.repo.isOwnUnit(dto.unitId, organisationId))) throw AppException.invalidField('unitId', 'unknown_unit', WaitingListTexts.notOwnUnit);
    }
    const id = randomUUID();
    return this.db
      .transaction(async (tx) => {
        if (!fields.personId) fields.personId = await this.providerPerson(tx, auth, organisationId, dto.unitId ?? null, fields);
        await this.repo.insert(tx, {
          id,
          organisationId,
          unitId: dto.unitId ?? null,
          personId: fields.personId,
          coordinatorOrganisationId: fields.coordinatorOrganisationId,
          displayNameEncrypted: this.personal.seal(fields.displayName, trialAad.waitingName(id)),
          ageBand: fields.ageBand,
          gender: fields.gender,
          categories: fields.categories,
          roomGender: dto.roomGender,
          notesEncrypted: this.personal.seal(dto.notes ?? '', trialAad.waitingNotes(id)),
          waitingSince: dto.waitingSince,
          createdBy: auth.userId,
        });
        await this.personal.logRead(auth, { action: 'waiting_list_entry.create', subjectType: 'waiting_list_entry', subjectIds: [id], detail: { personId: fields.personId } }, tx);
        return this.readOne(auth, id, tx);
      })
      .catch((e) => {
        if (pgError(e)?.constraint === 'waiting_list_person_key') {
          throw new AppException(ErrorCode.Conflict, WaitingListTexts.alreadyWaiting);
        }
        throw e;
      });
  }

  /**
   * A person typed in by the home itself (not known to a centre yet) is a person of the ledger too,
   * owned by the home and in its municipality: the waiting list, trial stays and emergency requests
   * all refer to one record per person.
   */
  private async providerPerson(tx: EntityManager, auth: AuthUser, organisationId: string, unitId: string | null, f: { displayName: string; ageBand: string; gender: string; categories: string[] }): Promise<string | null> {
    const id = randomUUID();
    return this.repo.insertProviderPerson(tx, {
      id,
      organisationId,
      unitId,
      displayNameEncrypted: this.personal.seal(f.displayName, trialAad.personName(id)),
      ageBand: f.ageBand,
      gender: f.gender,
      categories: f.categories,
      createdBy: auth.userId,
    });
  }

  /** The entry just written, as its writer sees it (the write's audit row covers the read). */
  private async readOne(auth: AuthUser, id: string, db: EntityManager): Promise<WaitingEntryView> {
    const r = await this.repo.entry(id, db);
    return this.toView(r!, true);
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
    if (!(await this.repo.remove(id, auth.organisationId, auth.role === Role.Admin))) throw AppException.notFound(Things.waitingListEntry);
  }

  /**
   * Rooms of the caller's group homes with free beds in the next 30 nights while people wait for a
   * room they fit: the provider is prompted to offer the room to them first. Computed when asked
   * (the page refetches on vacancy and trial-stay events), so it can never be stale.
   */
  async prompts(auth: AuthUser): Promise<WaitingPrompt[]> {
    const today = serviceNight(this.clock.now());
    return this.repo.prompts(auth.organisationId, today, addDays(today, PROMPT_DAYS));
  }
}
