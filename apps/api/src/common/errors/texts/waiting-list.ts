/** The waiting list. */
export const WaitingListTexts = {
  notAProvider: { ja: '「organisationId」は事業所を指定してください', en: 'organisationId must be a provider' },
  notOwnUnit: { ja: '「unitId」はこの事業所の居室ではありません', en: 'unitId is not a room of this provider' },
  alreadyWaiting: { ja: 'この方はすでにこの事業所の待機者です', en: 'This person is already waiting at this home' },
};
