import { CATEGORY_LABELS, type DisabilityCategory, type Urgency } from '@akiwa/contracts';
import { daysBetween } from '../vacancy/nights';

/** What an alert may say about a request: area and needs only, never the person. */
export interface AlertTextInput {
  municipalityName: string;
  urgency: Urgency;
  categories: readonly DisabilityCategory[];
  /** null: 不明. */
  supportLevel: number | null;
  from: string;
  nights: number;
}

function whenText(from: string, tonight: string): string {
  const days = daysBetween(tonight, from);
  if (days === 0) return '今夜から';
  if (days === 1) return '明夜から';
  const [, m, d] = from.split('-').map(Number);
  return `${m}月${d}日から`;
}

/**
 * The one line a locked phone or a banner shows (「宇城市で緊急受入依頼：知的・区分5・今夜から3泊」):
 * de-identified by construction, since it is built only from the area and the needs.
 * `tonight` is the service night in progress (see `serviceNight`): at 01:30 「今夜」 is still
 * the night that began the evening before.
 */
export function requestAlertText(input: AlertTextInput, tonight: string): string {
  const kind = input.urgency === 'emergency' ? '緊急受入依頼' : '受入依頼';
  const categories = input.categories.map((c) => CATEGORY_LABELS.ja[c]).join('・');
  const level = input.supportLevel === null ? '区分不明' : input.supportLevel > 0 ? `区分${input.supportLevel}` : '区分なし';
  return `${input.municipalityName}で${kind}：${categories}・${level}・${whenText(input.from, tonight)}${input.nights}泊`;
}

