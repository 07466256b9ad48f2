import { CATEGORY_LABELS, NEED_LABELS } from '@akiwa/contracts';
import type { MatchFilter, MatchScope, PersonNeeds } from './matching.types';

// mid-sentence in English, so lower case
const lower = <K extends string>(labels: Record<K, string>) => (k: K) => labels[k].toLowerCase();
const categoryEn = lower(CATEGORY_LABELS.en);
const needEn = lower(NEED_LABELS.en);
const SCOPE_JA: Record<MatchScope, string> = { municipality: '市町村内', region: '圏域内', prefecture: '県内' };
const SCOPE_EN: Record<MatchScope, string> = { municipality: 'in the municipality', region: 'in the region', prefecture: 'in the prefecture' };

/** The sentence a coordinator reads for an empty result, e.g. 「圏域内で精神を受け入れる事業所がありません」. */
export function explainFilter(filter: MatchFilter, needs: PersonNeeds, scope: MatchScope, count: number): { ja: string; en: string } {
  const cats = needs.categories;
  const where = { ja: SCOPE_JA[scope], en: SCOPE_EN[scope] };
  const n = { ja: `（${count}事業所が該当せず）`, en: ` (${count} provider${count === 1 ? '' : 's'} excluded)` };
  switch (filter) {
    case 'emergency':
      return { ja: `${where.ja}で緊急受入に対応する事業所がありません${n.ja}`, en: `No provider ${where.en} takes emergency admissions${n.en}` };
    case 'category':
      return {
        ja: `${where.ja}で${cats.map((c) => CATEGORY_LABELS.ja[c]).join('・')}を受け入れる事業所がありません${n.ja}`,
        en: `No provider ${where.en} accepts ${cats.map(categoryEn).join(' and ')}${n.en}`,
      };
    case 'child':
      return { ja: `${where.ja}で障害児を受け入れる事業所がありません${n.ja}`, en: `No provider ${where.en} accepts children${n.en}` };
    case 'support_level':
      return { ja: `${where.ja}で障害支援区分${needs.supportLevel}に対応する事業所がありません${n.ja}`, en: `No provider ${where.en} takes support level ${needs.supportLevel}${n.en}` };
    case 'special_needs':
      return {
        ja: `${where.ja}で${needs.specialNeeds.map((s) => NEED_LABELS.ja[s]).join('・')}に対応できる事業所がありません${n.ja}`,
        en: `No provider ${where.en} can handle ${needs.specialNeeds.map(needEn).join(' and ')}${n.en}`,
      };
    case 'room_gender':
      return {
        ja: `${where.ja}で${needs.gender === 'male' ? '男性' : '女性'}の居室がある事業所がありません${n.ja}`,
        en: `No provider ${where.en} has a room for a ${needs.gender === 'male' ? 'man' : 'woman'}${n.en}`,
      };
    case 'vacancy':
      return { ja: `${where.ja}の対応可能な事業所に、指定の日程で空きがありません${n.ja}`, en: `No suitable provider ${where.en} has a free bed on every requested night${n.en}` };
  }
}
