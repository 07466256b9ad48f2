import { isIP } from 'node:net';
import { AppException, type Bilingual } from '../common/errors/app.exception';
import { addressAllowed, resolveAll } from './webhook-address';
import { WebhookTexts } from '../common/errors/texts';

const refuse = (code: string, text: Bilingual) => AppException.invalidField('url', code, text);

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
    throw refuse('invalid', WebhookTexts.urlInvalid);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackLiteral = host === '127.0.0.1' || host === '::1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowLoopback && loopbackLiteral)) {
    throw refuse('https_required', WebhookTexts.urlNotHttps);
  }
  if (url.username || url.password) throw refuse('credentials', WebhookTexts.urlCredentials);
  let addresses: string[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw refuse('unresolvable', WebhookTexts.urlUnresolvable(host));
  }
  if (!addresses.length || addresses.some((a) => !addressAllowed(a, allowLoopback))) {
    throw refuse('private_network', WebhookTexts.urlPrivate(isIP(host) ? host : `${host} → ${addresses.join(', ')}`));
  }
  url.hash = '';
  return url.toString();
}
