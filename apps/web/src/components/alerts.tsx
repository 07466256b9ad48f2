import type { ReactNode } from 'react';

/** A failure the user must notice: announced at once. */
export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--error" role="alert">
      {children}
    </div>
  );
}

/** A confirmation: announced politely. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--success" role="status">
      {children}
    </div>
  );
}
