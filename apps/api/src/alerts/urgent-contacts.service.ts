import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UrgentContactView } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { RotaService } from '../oncall/rota.service';
import { PersonAlerts } from '../person-alerts/person-alerts.service';
import type { Notified } from './escalations.repository';
import { UrgentContactsRepository } from './urgent-contacts.repository';
import { AlertTexts, Things } from '../common/errors/texts';

const notFound = () => AppException.notFound(Things.urgentContact);

/**
 * 緊急の相談があります (seed 004): a provider with an emergency on its hands reaches the on-call
 * coordinator of its area — the on-call person of each centre of its municipality, else the region's
 * on-call, else every coordinator of the region's centres — in-app and by push; one of them acknowledges.
 */
@Injectable()
export class UrgentContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: UrgentContactsRepository,
    private readonly rotas: RotaService,
    private readonly alerts: PersonAlerts,
    private readonly clock: Clock,
  ) {}

  async raise(auth: AuthUser, summary: string): Promise<UrgentContactView> {
    const text = summary.trim();
    if (!text) throw AppException.invalidField('summary', 'empty', AlertTexts.summaryEmpty);
    const now = this.clock.now();
    const org = await this.repo.raiser(auth.organisationId);
    const people = await this.onCallOfArea(org?.municipalityCode ?? null, org?.regionId ?? null, now);
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.insert(tx, { organisationId: auth.organisationId, createdBy: auth.userId, summary: text, createdAt: now, notified: people });
      const message = `【緊急の相談】${org?.name ?? ''}：${text}`;
      await this.alerts.add(tx, people.map((p) => ({ userId: p.userId, kind: 'urgent_contact' as const, contactId: id, text: message, url: '/coordinator' })), now);
      return id;
    });
    return this.view(id);
  }

  /** 確認しました by one of the coordinators told; the first one counts. */
  async acknowledge(auth: AuthUser, id: string): Promise<UrgentContactView> {
    if (!(await this.repo.wasTold(id, auth.userId))) throw notFound();
    await this.repo.acknowledge(id, this.clock.now(), auth.userId);
    return this.view(id);
  }

  /** The raising provider's own contacts (to see who was told and whether someone acknowledged). */
  async mine(auth: AuthUser): Promise<UrgentContactView[]> {
    const ids = await this.repo.latestIds(auth.organisationId);
    return Promise.all(ids.map((id) => this.view(id)));
  }

  async view(id: string): Promise<UrgentContactView> {
    const r = await this.repo.view(id);
    if (!r) throw notFound();
    return {
      id: r.id,
      organisationName: r.organisationName,
      summary: r.summary,
      createdAt: r.createdAt.toISOString(),
      notified: r.notified.map((n) => n.name),
      acknowledged: r.ackAt ? { at: r.ackAt.toISOString(), by: r.ackBy } : null,
    };
  }

  private async onCallOfArea(municipalityCode: string | null, regionId: string | null, now: Date): Promise<Notified[]> {
    const centres = municipalityCode ? await this.repo.centresOf(municipalityCode) : [];
    const held = new Map<string, string>();
    for (const id of centres) {
      const h = await this.rotas.holderNow({ kind: 'organisation', id }, now);
      if (h) held.set(h.userId, h.name);
    }
    if (!held.size && regionId) {
      const h = await this.rotas.holderNow({ kind: 'region', id: regionId }, now);
      if (h) held.set(h.userId, h.name);
    }
    if (held.size) return [...held].map(([userId, name]) => ({ userId, name }));
    if (!regionId) return [];
    return this.repo.coordinatorsOfRegion(regionId);
  }
}
