import type { MatchScope, Place } from './matching.types';

/** Whether `place` lies within `scope` around `home`. */
export function inScope(place: Place, home: Place, scope: MatchScope): boolean {
  if (scope === 'municipality') return place.cityCode === home.cityCode;
  if (scope === 'region') return home.regionId !== null && place.regionId === home.regionId;
  return place.prefectureCode === home.prefectureCode;
}

/** 0 same municipality (a ward counts as its city), 1 same region, 2 same prefecture, 3 elsewhere. */
export function distanceBetween(place: Place, home: Place): number {
  if (place.cityCode === home.cityCode) return 0;
  if (home.regionId !== null && place.regionId === home.regionId) return 1;
  return place.prefectureCode === home.prefectureCode ? 2 : 3;
}

export function nextScope(scope: MatchScope): MatchScope | null {
  return scope === 'municipality' ? 'region' : scope === 'region' ? 'prefecture' : null;
}
