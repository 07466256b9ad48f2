import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CreatedWebhookEndpoint, WebhookDeliveryView, WebhookEndpointView } from '@akiwa/contracts';
import { AreaDirectory } from '../areas/area-directory.service';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { areaProblem } from '../vacancies/vacancy-search.service';
import type { CreateWebhookDto } from './webhook.dto';
import { newWebhookSecret, secretAad } from './webhook-signature';
import { checkEndpointUrl } from './webhook-url';
import { WebhooksRepository, type DeliveryRecord, type EndpointRecord } from './webhooks.repository';
import { Things, WebhookTexts } from '../common/errors/texts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const notFound = () => AppException.notFound(Things.webhook);

const view = (e: EndpointRecord): WebhookEndpointView => ({
  id: e.id,
  organisationId: e.organisationId,
  url: e.url,
  name: e.name,
  area: e.prefectureCode ? { prefectureCode: e.prefectureCode } : e.regionId ? { regionId: e.regionId } : { municipalityCode: e.municipalityCode! },
  createdAt: iso(e.createdAt)!,
  consecutiveFailures: e.consecutiveFailures,
  lastError: e.lastError,
  lastFailureAt: iso(e.lastFailureAt),
  lastSuccessAt: iso(e.lastSuccessAt),
  disabledAt: iso(e.disabledAt),
});

const deliveryView = (d: DeliveryRecord): WebhookDeliveryView => ({
  ...d,
  createdAt: iso(d.createdAt)!,
  lastAttemptAt: iso(d.lastAttemptAt),
  nextAttemptAt: iso(d.nextAttemptAt),
  deliveredAt: iso(d.deliveredAt),
});

/**
 * An organisation's webhook endpoints, managed by its administrators: each one belongs to the
 * caller's organisation, and another organisation's endpoint answers 404 like a missing one.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly areas: AreaDirectory,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  async create(auth: AuthUser, dto: CreateWebhookDto): Promise<CreatedWebhookEndpoint> {
    const area = { prefectureCode: dto.prefectureCode, regionId: dto.regionId, municipalityCode: dto.municipalityCode };
    const given = Object.values(area).filter((v) => v !== undefined);
    if (given.length > 1) {
      throw AppException.invalidField('area', 'exactly_one_area', WebhookTexts.exactlyOneArea);
    }
    const problem = await this.areas.check(area);
    if (problem) throw areaProblem(problem.field, problem.code);
    const url = await checkEndpointUrl(dto.url, this.env.WEBHOOK_ALLOW_LOOPBACK);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const record = await this.repo.transaction(async (tx) => {
      const row = await this.repo.insert(tx, {
        id,
        organisationId: auth.organisationId,
        url,
        name: (dto.name ?? '').trim(),
        ...area,
        room: this.areas.roomFor(area),
        secret: this.cipher.encrypt(secret, secretAad(id)),
        createdAt: this.clock.now(),
        createdBy: auth.userId,
      });
      await this.audit.record({ actor: auth, action: 'webhook.create', subjectType: 'webhook_endpoint', subjectId: id, detail: { url, ...area } }, tx);
      return row;
    });
    return { ...view(record), secret };
  }

  async list(auth: AuthUser): Promise<WebhookEndpointView[]> {
    return (await this.repo.list(auth.organisationId)).map(view);
  }

  async get(auth: AuthUser, id: string): Promise<WebhookEndpointView> {
    const e = await this.repo.get(auth.organisationId, id);
    if (!e) throw notFound();
    return view(e);
  }

  async remove(auth: AuthUser, id: string): Promise<void> {
    await this.repo.transaction(async (tx) => {
      if (!(await this.repo.delete(tx, auth.organisationId, id))) throw notFound();
      await this.audit.record({ actor: auth, action: 'webhook.delete', subjectType: 'webhook_endpoint', subjectId: id }, tx);
    });
  }

  /** Resumes a disabled endpoint (enabling an enabled one changes nothing). */
  async enable(auth: AuthUser, id: string): Promise<WebhookEndpointView> {
    await this.repo.transaction(async (tx) => {
      if (await this.repo.enable(tx, auth.organisationId, id, this.clock.now())) {
        await this.audit.record({ actor: auth, action: 'webhook.enable', subjectType: 'webhook_endpoint', subjectId: id }, tx);
      }
    });
    return this.get(auth, id);
  }

  async deliveries(auth: AuthUser, id: string): Promise<WebhookDeliveryView[]> {
    await this.get(auth, id);
    return (await this.repo.deliveries(id, 50)).map(deliveryView);
  }
}
