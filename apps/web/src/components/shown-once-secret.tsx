import { useState } from 'react';
import { SuccessNotice } from './alerts';

interface ShownOnceSecretProps {
  /** What was made, e.g. "Key issued. It is shown only this once:". */
  lead: string;
  secret: string;
  testId: string;
  copyLabel: string;
  copiedLabel: string;
}

/**
 * A secret the server shows only once (an API key, a signing secret), with a button to copy it.
 * Mounted per secret: a new secret starts as not copied.
 */
export function ShownOnceSecret({ lead, secret, testId, copyLabel, copiedLabel }: ShownOnceSecretProps) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <SuccessNotice>
      <span>{lead}</span>{' '}
      <code className="cell-break" data-testid={testId}>
        {secret}
      </code>{' '}
      <button type="button" className="button button--secondary" onClick={() => void copy()}>
        {copied ? copiedLabel : copyLabel}
      </button>
    </SuccessNotice>
  );
}
