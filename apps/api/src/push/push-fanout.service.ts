import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { InboxItem } from '@akiwa/contracts';
import { requestAlertText, serviceNight } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import { RequestNotifier } from '../emergency-requests/request-notifier.service';
import { PushSender } from './push-sender.service';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';

/**
 * Web Push for a newly matched request: every device of the matched providers' staff, with the
 * de-identified one-line summary, opening the inbox item. Runs after commit, off the hot path
 * (the sockets go first), from the emergency feature's post-commit hook.
 */
@Injectable()
export class PushFanout implements OnModuleInit {
  private readonly logger = new Logger('PushFanout');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifier: RequestNotifier,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly sender: PushSender,
    private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.notifier.onReceived((items) => void this.received(items));
  }

  /** Resolves when every push was accepted or refused (tests and the benchmark await it). */
  async received(items: { organisationId: string; item: InboxItem }[]): Promise<number> {
    try {
      if (!items.length) return 0;
      const targets = await this.subscriptions.forProviderOrganisations([...new Set(items.map((i) => i.organisationId))]);
      if (!targets.length) return 0;
      const names = await this.municipalityNames([...new Set(items.map((i) => i.item.municipalityCode))]);
      const tonight = serviceNight(this.clock.now());
      let sent = 0;
      for (const { organisationId, item } of items) {
        const mine = targets.filter((t) => t.organisationId === organisationId);
        if (!mine.length) continue;
        const body = requestAlertText({ ...item.needs, municipalityName: names.get(item.municipalityCode) ?? '', urgency: item.urgency, from: item.from, nights: item.nights }, tonight);
        sent += await this.sender.send(mine, {
          title: item.urgency === 'emergency' ? '空き輪：緊急受入依頼' : '空き輪：受入依頼',
          body,
          url: `/provider/requests#request-${item.requestId}`,
          urgent: item.urgency === 'emergency',
          tag: `request-${item.requestId}`,
        });
      }
      return sent;
    } catch (err) {
      this.logger.error({ err }, 'push fan-out failed');
      return 0;
    }
  }

  private async municipalityNames(codes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.db.query(`SELECT code, name FROM municipalities WHERE code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
