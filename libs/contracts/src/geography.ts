import type { MunicipalityKind } from './enums';

export interface PrefectureView {
  code: string;
  name: string;
  nameEn: string;
}

export interface RegionView {
  id: string;
  prefectureCode: string;
  name: string;
  nameEn: string;
}

export interface MunicipalityView {
  /** 全国地方公共団体コード (5 digits, without check digit). */
  code: string;
  name: string;
  nameEn: string;
  kind: MunicipalityKind;
  prefectureCode: string;
  regionId: string | null;
  /** For a ward (区): the city it belongs to. */
  parentCode: string | null;
}

export interface GeographyView {
  prefectures: PrefectureView[];
  regions: RegionView[];
  municipalities: MunicipalityView[];
}
