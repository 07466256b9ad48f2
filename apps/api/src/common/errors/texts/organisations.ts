/** Organisations and their place: the service area, the region windows, the audit reader's municipality. */
export const OrganisationTexts = {
  notACentre: { ja: '担当区域は相談支援センターにのみ設定できます', en: 'Only a consultation centre has a service area' },
  noRegion: { ja: 'この市町村は圏域に属していません', en: 'Your municipality belongs to no region' },
  noMunicipality: { ja: '所属組織に市町村が設定されていません', en: 'Your organisation has no municipality' },
};
