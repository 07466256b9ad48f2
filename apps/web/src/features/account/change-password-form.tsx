import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { PasswordField } from '../../components/form-field';
import { useChangePassword } from '../../hooks/use-account';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useAccountTexts } from './i18n';

/** The user's own password change; the server refuses weak passwords naming the field. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { at } = useAccountTexts();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const { errors, formError } = useFormErrors(change.error);

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
      <PasswordField purpose="current" label={at('password.current')} name="currentPassword" required value={currentPassword} onChange={setCurrent} error={errors.currentPassword} />
      <PasswordField
        purpose="new"
        label={at('password.next')}
        hint={at('password.nextHint')}
        name="newPassword"
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
