/** Alerts: urgent contacts. */
export const AlertTexts = {
  summaryEmpty: { ja: '「相談の内容」を入力してください', en: 'summary must not be empty' },
};
