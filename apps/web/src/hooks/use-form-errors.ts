import { useState } from 'react';
import { useApiError, type FieldErrors } from './use-api-error';

/**
 * A form's errors from its mutation's `error`: the user's own (checked before sending, set with
 * `setClientErrors`) over the server's per-field ones; and the server's message as the form's
 * error when it named no field (e.g. invalid credentials concern the form as a whole).
 */
export function useFormErrors(error: unknown) {
  const apiError = useApiError();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const serverErrors = error ? apiError.fieldErrors(error) : {};
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };
  const formError = error && Object.keys(serverErrors).length === 0 ? apiError.message(error) : null;
  return { errors, formError, setClientErrors };
}
