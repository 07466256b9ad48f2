import { CATEGORY_LABELS, NEED_LABELS } from '@akiwa/contracts';
import type { MatchFilter, MatchScope, PersonNeeds } from './matching.types';

// mid-sentence in English, so lower case
const lower = <K extends string>(labels: Record<K, string>) => (k: K) => labels[k].toLowerCase();
const categoryEn = lower(CATEGORY_LABELS.en);
const needEn = lower(NEED_LABELS.en);
const SCOPE_JA: Record<MatchScope, string> = { municipality: '市町村内', region: '圏域内', prefecture: '県内' };
const SCOPE_EN: Record<MatchScope, string> = { municipality: 'In the municipality', region: 'In the region', prefecture: 'In the prefecture' };

/** The support level as a coordinator says it: 非該当 for 0, 不明 when unknown — never 「障害支援区分0」. */
export function supportLevelLabel(level: number | null): { ja: string; en: string } {
  if (level === null) return { ja: '障害支援区分 不明', en: 'support level unknown' };
  if (level === 0) return { ja: '障害支援区分 非該当', en: 'no support level (非該当)' };
  return { ja: `障害支援区分${level}`, en: `support level ${level}` };
}

/** Why a filter rules providers out, as a phrase: 「精神を受け入れていない」. */
function reason(filter: MatchFilter, needs: PersonNeeds): { ja: string; en: string } {
  const cats = needs.categories;
  switch (filter) {
    case 'emergency':
      return { ja: '緊急受入をしていない', en: 'do not take emergency admissions' };
    case 'paused':
      return { ja: '受入停止中', en: 'have paused admissions' };
    case 'category':
      return {
        ja: `${cats.map((c) => CATEGORY_LABELS.ja[c]).join('・')}${cats.length > 1 ? 'のすべて' : ''}を受け入れていない`,
        en: `do not accept ${cats.map(categoryEn).join(' and ')}`,
      };
    case 'child':
      return { ja: '障害児を受け入れていない', en: 'do not accept children' };
    case 'support_level':
      return needs.supportLevel === null
        ? { ja: '障害支援区分が不明の方を受け入れていない（全区分対応ではない）', en: 'do not take every support level (the level is unknown)' }
        : { ja: `${supportLevelLabel(needs.supportLevel).ja}の方を受け入れていない`, en: `do not take ${supportLevelLabel(needs.supportLevel).en}` };
    case 'special_needs':
      return {
        ja: `${needs.specialNeeds.map((s) => NEED_LABELS.ja[s]).join('・')}に対応していない`,
        en: `cannot handle ${needs.specialNeeds.map(needEn).join(' and ')}`,
      };
    case 'room_gender':
      return { ja: `${needs.gender === 'male' ? '男性' : '女性'}の居室がない`, en: `have no room for a ${needs.gender === 'male' ? 'man' : 'woman'}` };
    case 'night':
      return { ja: '夜間の受入をしていない', en: 'cannot admit at night' };
    case 'vacancy':
      return { ja: '指定の日程に空きがない', en: 'have no free bed on every requested night' };
  }
}

/**
 * The line a coordinator reads for one filter at one widening level, e.g.
 * 「市町村内で精神を受け入れていない: 2事業所」. It counts providers ruled out, so it never contradicts
 * 「2事業所に通知」 next to it.
 */
export function explainFilter(filter: MatchFilter, needs: PersonNeeds, scope: MatchScope, count: number): { ja: string; en: string } {
  const r = reason(filter, needs);
  return {
    ja: `${SCOPE_JA[scope]}で${r.ja}: ${count}事業所`,
    en: `${SCOPE_EN[scope]}, ${count} provider${count === 1 ? '' : 's'} ${r.en}`,
  };
}
