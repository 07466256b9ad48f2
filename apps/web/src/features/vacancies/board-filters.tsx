import {
  DisabilityCategory,
  Gender,
  ServiceType,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  type GeographyView,
} from '@akiwa/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VacancySearchScope } from '../../api/query-keys';
import { Checkbox, CheckboxGroup, SelectField } from '../../components/form-field';
import { municipalityLabel } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { useMunicipalityIndex } from '../admin/use-municipality-index';

export type BoardFilters = Omit<VacancySearchScope, 'limit' | 'offset'>;

const NIGHTS = Array.from({ length: 30 }, (_, i) => i + 1);
const LEVELS = Array.from({ length: SUPPORT_LEVEL_MAX - SUPPORT_LEVEL_MIN + 1 }, (_, i) => SUPPORT_LEVEL_MIN + i);

interface BoardFiltersFormProps {
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
  geography: GeographyView | undefined;
  today: string;
  fromError?: string;
}

/**
 * The board's conditions. The area narrows prefecture → 圏域 → municipality/ward; the search keeps
 * the prefecture as its bound and sorts the nearest first, which is the seed's widening (⑤ ⑥).
 * Every change applies at once: the board is live, there is no "search" step to forget.
 */
export function BoardFiltersForm({ filters, onChange, geography, today, fromError }: BoardFiltersFormProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const index = useMunicipalityIndex(geography);
  const set = <K extends keyof BoardFilters>(key: K, value: BoardFilters[K]) => onChange({ ...filters, [key]: value });
  // On a phone the extra conditions start folded, so the results are in reach of the thumb.
  const [moreOpen] = useState(() => typeof window === 'undefined' || window.matchMedia('(min-width: 720px)').matches);
  const name = (item: { name: string; nameEn: string }) => (language === 'en' ? item.nameEn : item.name);

  const regions = (geography?.regions ?? []).filter((r) => r.prefectureCode === filters.prefectureCode);
  const municipalities = (index.groups.find((g) => g.code === filters.prefectureCode)?.municipalities ?? []).filter(
    (m) => !filters.regionId || m.regionId === filters.regionId,
  );

  return (
    <form className="card board-filters" role="search" aria-labelledby="board-filters-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="board-filters-title">{t('board.filters')}</h2>
      <div className="form-grid form-grid--filters">
        <SelectField
          label={t('board.prefecture')}
          name="prefectureCode"
          value={filters.prefectureCode ?? ''}
          onChange={(v) => onChange({ ...filters, prefectureCode: v || null, regionId: null, municipalityCode: null })}
        >
          <option value="">{t('board.all')}</option>
          {(geography?.prefectures ?? []).map((p) => (
            <option key={p.code} value={p.code}>
              {name(p)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('board.region')}
          name="regionId"
          value={filters.regionId ?? ''}
          disabled={!filters.prefectureCode}
          onChange={(v) => onChange({ ...filters, regionId: v || null, municipalityCode: null })}
        >
          <option value="">{t('board.all')}</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {name(r)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('board.municipality')}
          name="municipalityCode"
          value={filters.municipalityCode ?? ''}
          disabled={!filters.prefectureCode}
          onChange={(v) => {
            const m = v ? index.byCode.get(v) : undefined;
            onChange({ ...filters, municipalityCode: v || null, regionId: m?.regionId ?? filters.regionId });
          }}
        >
          <option value="">{t('board.all')}</option>
          {municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {municipalityLabel(m, index.byCode, language)}
            </option>
          ))}
        </SelectField>
        <div className={`field${fromError ? ' field--invalid' : ''}`}>
          <label className="field-label" htmlFor="board-from">
            {t('board.from')}
          </label>
          <input
            id="board-from"
            name="from"
            type="date"
            className="input"
            min={today}
            value={filters.from}
            aria-invalid={fromError ? true : undefined}
            aria-describedby={fromError ? 'board-from-error' : undefined}
            onChange={(e) => set('from', e.target.value)}
          />
          {fromError ? (
            <p className="field-error" id="board-from-error" role="alert">
              {fromError}
            </p>
          ) : null}
        </div>
        <SelectField label={t('board.nights')} name="nights" value={String(filters.nights)} onChange={(v) => set('nights', Number(v))}>
          {NIGHTS.map((n) => (
            <option key={n} value={n}>
              {t('board.nightsUnit', { count: n })}
            </option>
          ))}
        </SelectField>
      </div>
      <details className="board-more" open={moreOpen}>
        <summary>{t('board.more')}</summary>
        <div className="form-grid form-grid--filters">
          <SelectField
            label={t('board.category')}
            name="category"
            value={filters.category ?? ''}
            onChange={(v) => set('category', (v || null) as DisabilityCategory | null)}
          >
            <option value="">{t('board.any')}</option>
            {Object.values(DisabilityCategory).map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('board.supportLevel')}
            name="supportLevel"
            value={filters.supportLevel === null ? '' : String(filters.supportLevel)}
            onChange={(v) => set('supportLevel', v === '' ? null : Number(v))}
          >
            <option value="">{t('board.any')}</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {level === 0 ? t('supportLevel.0') : t('supportLevel.level', { level })}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('board.gender')}
            name="gender"
            value={filters.gender ?? ''}
            onChange={(v) => set('gender', (v || null) as Gender | null)}
          >
            <option value="">{t('board.any')}</option>
            {Object.values(Gender).map((g) => (
              <option key={g} value={g}>
                {t(`gender.${g}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('board.serviceType')}
            name="serviceType"
            value={filters.serviceType ?? ''}
            onChange={(v) => set('serviceType', (v || null) as ServiceType | null)}
          >
            <option value="">{t('board.any')}</option>
            {Object.values(ServiceType).map((s) => (
              <option key={s} value={s}>
                {t(`serviceType.${s}`)}
              </option>
            ))}
          </SelectField>
          <CheckboxGroup
            legend={t('board.needs')}
            name="needs"
            options={Object.values(SpecialNeed).map((value) => ({ value, label: t(`need.${value}`) }))}
            value={filters.needs}
            onChange={(needs) => set('needs', [...needs].sort())}
          />
          <fieldset className="fieldset">
            <legend className="field-label">{t('board.acceptance')}</legend>
            <div className="check-group">
              <Checkbox label={t('board.child')} name="child" checked={filters.child} onChange={(v) => set('child', v)} />
              <Checkbox label={t('board.emergencyOk')} name="emergencyOk" checked={filters.emergencyOk} onChange={(v) => set('emergencyOk', v)} />
              <Checkbox label={t('board.trialOk')} name="trialOk" checked={filters.trialOk} onChange={(v) => set('trialOk', v)} />
            </div>
          </fieldset>
        </div>
      </details>
    </form>
  );
}
