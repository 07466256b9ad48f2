import { isIP } from 'node:net';
import { AppException } from '../common/errors/app.exception';
import { addressAllowed, resolveAll } from './webhook-address';

const refuse = (code: string, ja: string, en: string) => AppException.invalidField('url', code, { ja: `「URL」${ja}`, en: `url ${en}` });

/**
 * An endpoint URL as registered: https (http only to the loopback interface, and only when the
 * configuration allows loopback: tests), no credentials in it, and a host that resolves only to
 * public addresses. 400 naming 「URL」 otherwise.
 */
export async function checkEndpointUrl(raw: string, allowLoopback: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse('invalid', 'の形式が正しくありません（https://… の形で入力してください）', 'must be an absolute https:// URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackLiteral = host === '127.0.0.1' || host === '::1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowLoopback && loopbackLiteral)) {
    throw refuse('https_required', 'は https:// で始まる必要があります', 'must use https');
  }
  if (url.username || url.password) throw refuse('credentials', 'に利用者名やパスワードを含めないでください（署名で認証します）', 'must not carry credentials (deliveries are signed)');
  let addresses: string[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw refuse('unresolvable', `のホスト名「${host}」の名前解決ができません`, `host ${host} does not resolve`);
  }
  if (!addresses.length || addresses.some((a) => !addressAllowed(a, allowLoopback))) {
    throw refuse('private_network', `は内部ネットワーク（${isIP(host) ? host : `${host} → ${addresses.join(', ')}`}）を指しています。外部から到達できる宛先を指定してください`, 'must not point to a private or loopback network');
  }
  url.hash = '';
  return url.toString();
}
