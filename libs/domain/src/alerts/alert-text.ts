import { CATEGORY_LABELS, type DisabilityCategory, type Urgency } from '@akiwa/contracts';
import { daysBetween } from '../vacancy/nights';

/** What an alert may say about a request: area and needs only, never the person. */
export interface AlertTextInput {
  municipalityName: string;
  urgency: Urgency;
  categories: readonly DisabilityCategory[];
  supportLevel: number;
  from: string;
  nights: number;
}

function whenText(from: string, today: string): string {
  const days = daysBetween(today, from);
  if (days === 0) return '今夜から';
  if (days === 1) return '明夜から';
  const [, m, d] = from.split('-').map(Number);
  return `${m}月${d}日から`;
}

/**
 * The one line a locked phone or a banner shows (「宇城市で緊急受入依頼：知的・区分5・今夜から3泊」):
 * de-identified by construction, since it is built only from the area and the needs.
 * `today` is the service date (see `serviceDate`), so "tonight" follows Japan's evening.
 */
export function requestAlertText(input: AlertTextInput, today: string): string {
  const kind = input.urgency === 'emergency' ? '緊急受入依頼' : '受入依頼';
  const categories = input.categories.map((c) => CATEGORY_LABELS.ja[c]).join('・');
  const level = input.supportLevel > 0 ? `区分${input.supportLevel}` : '区分なし';
  return `${input.municipalityName}で${kind}：${categories}・${level}・${whenText(input.from, today)}${input.nights}泊`;
}

