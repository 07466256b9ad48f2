import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { TextField } from '../../components/form-field';
import { useChangePassword } from '../../hooks/use-account';
import { useApiError } from '../../hooks/use-api-error';
import { useAccountTexts } from './i18n';

/** The user's own password change; the server refuses weak passwords naming the field. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { at } = useAccountTexts();
  const apiError = useApiError();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const errors = change.error ? apiError.fieldErrors(change.error) : {};
  const formError = change.error && Object.keys(errors).length === 0 ? apiError.message(change.error) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          onChanged();
        },
      },
    );
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label={at('password.title')}>
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <TextField label={at('password.current')} name="currentPassword" type="password" autoComplete="current-password" required value={currentPassword} onChange={setCurrent} error={errors.currentPassword} />
      <TextField
        label={at('password.next')}
        hint={at('password.nextHint')}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        value={newPassword}
        onChange={setNext}
        error={errors.newPassword}
      />
      <button type="submit" className="button button--primary" disabled={change.isPending}>
        {at('password.submit')}
      </button>
    </form>
  );
}
