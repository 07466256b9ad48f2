import { RegionWindowsService } from '../../region-windows/region-windows.service';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EmergencyRequestView, InboxItem } from '@akiwa/contracts';
import { arrivesAtNight } from '@akiwa/domain';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { PersonalDataCipher } from '../../common/crypto/personal-data.cipher';
import { AuditLog } from '../../audit/audit-log.service';
import { Clock } from '../../common/time/clock';
import { ServiceNights } from '../../areas/service-nights.service';
import { checkWritableNight } from '../../vacancies/vacancy-window';
import type { CreateEmergencyRequestDto } from '../emergency-request.dto';
import { needsOf, personAad, situationAad, type RequestRow } from '../request.sql';
import { RequestsRepository } from '../requests.repository';
import { RequestMatcher, type MatchInput } from '../request-matcher.service';
import { RequestNotifier } from '../request-notifier.service';
import { RequestQueries } from '../request-queries.service';
import { RequestTimeline } from '../request-timeline';
import { planWidening, type PlannedRecipient } from '../widening-plan';
import { AreaDirectory } from '../../areas/area-directory.service';
import { RegistrationsService } from '../../ledger/registrations.service';
import { OrganisationsService } from '../../organisations/organisations.service';
import { CommonTexts, RequestTexts } from '../../common/errors/texts';

const CHILD_BANDS = new Set(['0-5', '6-11', '12-17']);

/**
 * Post once (seed 000 ③⑤⑥): match, widen at once while nobody matches, store who was told and why
 * others were not, then push the de-identified request to every matched provider. The hot path is
 * two indexed reads for matching and one short transaction; pushes go out right after commit, before
 * anything else is built.
 */
@Injectable()
export class PostRequestUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly requests: RequestsRepository,
    private readonly matcher: RequestMatcher,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
    private readonly notifier: RequestNotifier,
    private readonly queries: RequestQueries,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
    private readonly areas: AreaDirectory,
    private readonly organisations: OrganisationsService,
    private readonly ledger: RegistrationsService,
    private readonly windows: RegionWindowsService,
  ) {}

  async execute(auth: AuthUser, dto: CreateEmergencyRequestDto): Promise<EmergencyRequestView> {
    await this.check(dto);
    if (!(await this.organisations.serves(auth.organisationId, dto.municipalityCode))) {
      throw AppException.forbidden(RequestTexts.outsideServiceArea);
    }
    // from the ledger: the registered person (consent-scoped: 404 unless shared with the caller), their details sealed below
    const registered = dto.registrationId ? await this.ledger.personDetailsFor(auth, dto.registrationId) : null;
    if (registered && !dto.person) dto.person = registered.details;
    const now = this.clock.now();
    const atNight = arrivesAtNight(now, dto.from, await this.areas.nightCutoff(dto.municipalityCode));
    const input: MatchInput = { needs: dto.needs, municipalityCode: dto.municipalityCode, from: dto.from, nights: dto.nights, contractedOrganisationId: dto.contractedOrganisationId, atNight };
    const contracted = await this.matcher.matchContracted(input, now);
    const plan = await planWidening(this.matcher, input, 'municipality', new Set(), contracted, now);

    const id = randomUUID();
    const status = plan.exhausted ? 'unplaced' : 'open';
    // the region's windows (officer settings; default EMERGENCY_WIDEN_MINUTES): when it widens, and until when each provider told may answer
    const windows = await this.windows.forMunicipality(dto.municipalityCode);
    const widensAt = status === 'open' ? new Date(now.getTime() + windows.widenMinutes * 60_000) : null;
    const answerBy = status === 'open' ? new Date(now.getTime() + windows.answerMinutes * 60_000) : now;
    const person = dto.person ? this.cipher.encryptJson(dto.person, personAad(id)) : null;
    // what happened to the person is personal data too: encrypted like the person's details
    const situation = this.cipher.encrypt(dto.situation, situationAad(id));

    const { view } = await this.db.transaction(async (tx) => {
      const row = await this.requests.insert(tx, {
        id,
        organisationId: auth.organisationId,
        createdBy: auth.userId,
        status,
        urgency: dto.urgency,
        needs: dto.needs,
        municipalityCode: dto.municipalityCode,
        from: dto.from,
        nights: dto.nights,
        scope: plan.scope,
        widensAt,
        situationEncrypted: situation,
        contractedOrganisationId: dto.contractedOrganisationId ?? null,
        personEncrypted: person,
        exclusions: plan.exclusions,
        closedAt: status === 'open' ? null : now,
      });
      if (registered) await this.requests.linkPerson(tx, id, registered.personId);
      const told = await this.requests.upsertRecipients(tx, id, plan.scope, plan.recipients, now, answerBy);
      await this.timeline.add(tx, id, 'posted', auth.userId);
      for (const [i, step] of plan.steps.entries()) await this.timeline.add(tx, id, i === 0 ? 'matched' : 'widened', null, await this.timeline.waveData(tx, step, dto.contractedOrganisationId));
      if (plan.exhausted) await this.timeline.add(tx, id, 'unplaced', null);
      if (person) {
        await this.audit.record({ actor: auth, action: 'person.write', subjectType: 'emergency_request', subjectId: id, detail: { fields: Object.keys(dto.person!) } }, tx);
      }
      const posting = await this.requests.postingOrganisation(tx, auth.organisationId);
      // the measured path: every matched provider's event, in one insert, delivered at commit
      const byOrg = new Map(plan.recipients.map((r) => [r.organisationId, r]));
      const received = told.map((t) => ({
        organisationId: t.organisationId,
        item: this.inboxItem(row, t.notifiedAt, byOrg.get(t.organisationId)!, posting),
      }));
      await this.notifier.received(tx, received);
      if (plan.exhausted) await this.notifier.unplaced(tx, id, auth.organisationId, Object.values(plan.exclusions).flat(), false);
      const view = await this.queries.view(row, null, tx);
      await this.notifier.requestUpdated(tx, id, view);
      return { view, received };
    });
    // the poster just sent the person and the situation: echoing them back is not a read of stored data
    return { ...view, situation: dto.situation, person: dto.person ?? null };
  }

  private inboxItem(row: RequestRow, receivedAt: Date, recipient: PlannedRecipient, posting: { name: string; phone: string }): InboxItem {
    return {
      requestId: row.id,
      status: row.status,
      urgency: row.urgency,
      needs: needsOf(row),
      municipalityCode: row.municipalityCode,
      from: row.from,
      nights: row.nights,
      matchingUnits: recipient.units,
      response: null,
      person: null,
      postingOrganisationName: posting.name,
      postingOrganisationPhone: posting.phone,
      contracted: recipient.contracted,
      receivedAt: receivedAt.toISOString(),
    };
  }

  /** What the DTO cannot know: the area exists, the night is not past, the age agrees, the contracted provider is one. */
  private async check(dto: CreateEmergencyRequestDto) {
    if (!(await this.matcher.place(dto.municipalityCode))) {
      throw AppException.invalidField('municipalityCode', 'unknown_municipalityCode', RequestTexts.unknownMunicipality);
    }
    // 「今夜」 where the person is: at 01:30 the night that began yesterday evening
    checkWritableNight(dto.from, 'from', await this.serviceNights.tonight(dto.municipalityCode));
    if (dto.needs.child !== CHILD_BANDS.has(dto.needs.ageBand)) {
      throw AppException.invalidField('needs.child', 'age_band_mismatch', RequestTexts.childMismatch);
    }
    if (dto.contractedOrganisationId) {
      if ((await this.requests.organisationKind(dto.contractedOrganisationId)) !== 'provider') {
        throw AppException.invalidField('contractedOrganisationId', 'unknown_provider', CommonTexts.unknownProvider('contractedOrganisationId'));
      }
    }
  }
}
