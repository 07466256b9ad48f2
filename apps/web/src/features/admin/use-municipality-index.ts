import type { GeographyView, MunicipalityView } from '@akiwa/contracts';
import { useMemo } from 'react';

export interface MunicipalityIndex {
  byCode: ReadonlyMap<string, MunicipalityView>;
  /** Prefectures in code order, each with its municipalities (wards right after their city). */
  groups: { code: string; name: string; nameEn: string; municipalities: MunicipalityView[] }[];
}

export function useMunicipalityIndex(geography: GeographyView | undefined): MunicipalityIndex {
  return useMemo(() => {
    const byCode = new Map((geography?.municipalities ?? []).map((m) => [m.code, m] as const));
    const sortKey = (m: MunicipalityView) => `${m.parentCode ?? m.code}-${m.parentCode ? m.code : ''}`;
    const groups = [...(geography?.prefectures ?? [])]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((prefecture) => ({
        ...prefecture,
        municipalities: (geography?.municipalities ?? [])
          .filter((m) => m.prefectureCode === prefecture.code)
          .sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      }))
      .filter((group) => group.municipalities.length > 0);
    return { byCode, groups };
  }, [geography]);
}
