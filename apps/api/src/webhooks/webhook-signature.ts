import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: shown once to the administrator, kept encrypted. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The `Akiwa-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over `<t>.<raw body>`, keyed
 * with the whole secret string (as Stripe's). The timestamp is signed with the body so a captured
 * delivery cannot be replayed later: the receiver refuses a `t` too far from its own clock.
 */
export function webhookSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** The AAD a secret is encrypted with: a secret copied onto another endpoint's row does not decrypt. */
export const secretAad = (endpointId: string) => `webhook_endpoint:${endpointId}`;
