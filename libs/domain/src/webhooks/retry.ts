/** How a failed webhook delivery is retried. */
export interface WebhookRetryPolicy {
  /** Wait before the first retry; each further retry waits twice as long… */
  baseMs: number;
  /** …up to this. */
  maxMs: number;
  /** Attempts of one delivery before it is given up (status failed). */
  maxAttempts: number;
}

/**
 * When to try a delivery again after its `attempts`-th failed attempt, or null when it is given up.
 * Exponential (30 s, 1 min, 2 min… with the defaults) so a receiver that is down for a while is not
 * hammered, capped so one back up is reached within the cap.
 */
export function nextWebhookAttempt(failedAt: Date, attempts: number, policy: WebhookRetryPolicy): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(failedAt.getTime() + delay);
}
