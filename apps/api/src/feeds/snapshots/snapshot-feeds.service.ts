import { Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import { CALENDAR_SYMBOLS, SERVICE_TYPE_LABELS, type CalendarMark, type Freshness } from '@akiwa/contracts';
import { addDays, daysBetween } from '@akiwa/domain';
import { ServiceNights } from '../../areas/service-nights.service';
import { toCsv } from '../../bulk/csv-codec';
import { AppException } from '../../common/errors/app.exception';
import { TrialStaysService } from '../../trial-stays/trial-stays.service';
import { VacancyCalendarService } from '../../vacancies/vacancy-calendar.service';
import type { FeedCaller } from '../api-keys.service';
import type { FeedAreaQuery } from '../feed.dto';
import { FeedScope } from '../feed-scope.service';
import { FeedTexts } from '../../common/errors/texts';

const PAGE = 500;
const MARK_LABELS: Record<CalendarMark, string> = { free: '空きあり', few: '残りわずか', full: '満床', unknown: '不明', paused: '受入停止中' };
const FRESHNESS_LABELS: Record<Freshness, string> = { fresh: '最新', stale: '要確認（24時間以上前）', unknown: '不明' };
const yesNo = (b: boolean) => (b ? '可' : '不可');

/** The open-data CSV's columns: units and their figures only, never a person. */
export const OPEN_DATA_HEADERS = ['日付', '都道府県コード', '市区町村コード', '事業所名', 'ユニット名', 'サービス種別', '定員', '空床数', '空き状況', '記号', '情報の鮮度', '緊急受入', '体験利用'];

/**
 * The daily snapshot for a prefecture's open-data portal (CSV) and a provider's staff calendar of
 * approved trial stays (iCalendar).
 */
@Injectable()
export class SnapshotFeedsService {
  constructor(
    private readonly scope: FeedScope,
    private readonly calendar: VacancyCalendarService,
    private readonly serviceNights: ServiceNights,
    private readonly trialStays: TrialStaysService,
  ) {}

  /**
   * One row per unit of the area for one night (default tonight): its figures as the board shows them
   * (the calendar's cell), UTF-8 with BOM, Japanese headers, formulas escaped.
   */
  async openDataCsv(caller: FeedCaller, q: FeedAreaQuery & { date?: string }): Promise<{ filename: string; csv: string }> {
    const scope = await this.scope.of(caller, q);
    const tonight = await this.serviceNights.tonight(q.municipalityCode);
    const night = q.date ?? tonight;
    if (daysBetween(tonight, night) < 0) {
      throw AppException.invalidField('date', 'past_night', FeedTexts.pastSnapshot);
    }
    const rows: (string | number)[][] = [];
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.calendar.page(scope, [night], {}, PAGE, offset);
      for (const { unit, cells } of items) {
        const cell = cells[0];
        const prefecture = unit.municipalityCode.slice(0, 2);
        rows.push([
          night, prefecture, unit.municipalityCode, unit.organisationName, unit.name, SERVICE_TYPE_LABELS.ja[unit.serviceType], unit.capacity,
          cell.available, MARK_LABELS[cell.mark], CALENDAR_SYMBOLS[cell.mark], FRESHNESS_LABELS[cell.freshness], yesNo(unit.emergencyOk), yesNo(unit.trialOk),
        ]);
      }
      if (items.length < PAGE) break;
    }
    return { filename: `akiwa-vacancies-${caller.prefectureCode}-${night}.csv`, csv: toCsv(OPEN_DATA_HEADERS, rows) };
  }

  /**
   * The key's provider's approved trial stays from yesterday on, as all-day events (the first night to
   * the departure morning). De-identified: a key is no user, so no person's name is decrypted for it —
   * the event says which room, which centre booked, and the stay's id; staff open Akiwa for who.
   */
  async trialStaysIcs(caller: FeedCaller): Promise<string> {
    const tonight = await this.serviceNights.tonight();
    const stays = await this.trialStays.approvedNotices(caller.organisationId, addDays(tonight, -1));
    const cal = ical({ name: '体験利用（承認済み）', prodId: { company: 'Akiwa', product: 'trial-stays', language: 'JA' }, timezone: 'Asia/Tokyo' });
    for (const s of stays) {
      cal.createEvent({
        id: `trial-stay-${s.id}@akiwa`,
        start: s.from,
        end: s.to,
        allDay: true,
        stamp: new Date(s.updatedAt),
        summary: `体験利用 ${s.unitName}`,
        description: `${s.nights}泊（${s.from}〜${s.to}）\n申込: ${s.coordinatorOrganisationName}\n利用者の情報は空き輪でご確認ください（体験利用 ID: ${s.id}）`,
      });
    }
    return cal.toString();
  }
}
