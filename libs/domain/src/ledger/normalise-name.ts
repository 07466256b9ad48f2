/**
 * A name as the ledger's search key: the same for every way a coordinator may type it.
 * 全角/半角 (NFKC: ﾔﾏﾀﾞ → ヤマダ, ＡＢＣ → ABC), ひらがな/カタカナ (katakana folded to hiragana),
 * spaces (half- and full-width, removed), letter case, and old/new character forms (旧字体・異体字
 * common in names: 髙 → 高, 﨑 → 崎, 邊 → 辺, 澤 → 沢 …).
 *
 * NFKC and the kana fold are the whole of what a kana-normalisation library (e.g. jaconv's
 * normalize) would do for this purpose; the character-form table is ours because no maintained npm
 * package covers name variants (人名異体字) and the list is short.
 */
const OLD_FORMS: Record<string, string> = {
  髙: '高', 﨑: '崎', 嵜: '崎', 邊: '辺', 邉: '辺', 澤: '沢', 濱: '浜', 濵: '浜', 齋: '斎', 齊: '斉', 廣: '広', 國: '国', 櫻: '桜', 藏: '蔵',
  眞: '真', 冨: '富', 德: '徳', 惠: '恵', 榮: '栄', 瀧: '滝', 實: '実', 壽: '寿', 學: '学', 團: '団', 氣: '気', 淺: '浅', 稻: '稲', 靜: '静',
  彌: '弥', 曾: '曽', 增: '増', 條: '条', 槇: '槙', 黑: '黒', 圓: '円', 繪: '絵', 峯: '峰', 嶋: '島', 嶌: '島', 萬: '万', 與: '与', 會: '会',
  縣: '県', 兒: '児', 莊: '荘', 檜: '桧', 邨: '村', 龜: '亀', 廳: '庁',
};
const OLD_FORM_RE = new RegExp(`[${Object.keys(OLD_FORMS).join('')}]`, 'gu');

export function normaliseName(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(OLD_FORM_RE, (c) => OLD_FORMS[c] ?? c)
    .toLowerCase();
}
