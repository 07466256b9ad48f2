import type { ReactNode } from 'react';
import { useApiError } from '../hooks/use-api-error';

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

/** Each error that is set, as an alert in the current language, in the order given. */
export function ApiErrorAlerts({ errors }: { errors: readonly unknown[] }) {
  const apiError = useApiError();
  return (
    <>
      {errors.map((error, i) =>
        // the list's length and order are fixed by the caller: the place is the identity
        error ? <ErrorAlert key={i}>{apiError.message(error)}</ErrorAlert> : null,
      )}
    </>
  );
}
