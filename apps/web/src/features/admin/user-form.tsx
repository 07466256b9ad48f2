import { ROLES_BY_ORGANISATION_KIND, type OrganisationView, type Role } from '@akiwa/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { PasswordField, SelectField, TextField } from '../../components/form-field';
import type { FieldErrors } from '../../hooks/use-api-error';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useCreateUser } from '../../hooks/use-users';

interface UserFormProps {
  organisations: readonly OrganisationView[];
}

export function UserForm({ organisations }: UserFormProps) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [password, setPassword] = useState('');
  const [createdName, setCreatedName] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const organisation = organisations.find((o) => o.id === organisationId);
  // Only the roles the chosen organisation's kind may hold (a provider has provider staff, …).
  const roles = organisation ? ROLES_BY_ORGANISATION_KIND[organisation.kind] : [];
  const selectedRole: Role | '' = role && roles.includes(role) ? role : (roles[0] ?? '');

  const { errors, formError, setClientErrors } = useFormErrors(create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreatedName(null);
    const next: FieldErrors = {};
    if (!email.trim()) next.email = t('admin.users.required.email');
    if (!displayName.trim()) next.displayName = t('admin.users.required.displayName');
    if (!organisationId || !selectedRole) next.organisationId = t('admin.users.required.organisation');
    if (!password) next.password = t('admin.users.required.password');
    setClientErrors(next);
    if (Object.keys(next).length > 0 || !selectedRole) {
      // After React has rendered the errors, take the keyboard to the first invalid field.
      window.setTimeout(() => document.querySelector<HTMLElement>('#user-form [aria-invalid="true"]')?.focus());
      return;
    }
    create.mutate(
      { email: email.trim(), displayName: displayName.trim(), organisationId, role: selectedRole, password },
      {
        onSuccess: (user) => {
          setCreatedName(user.displayName);
          setEmail('');
          setDisplayName('');
          setPassword('');
          emailRef.current?.focus();
        },
      },
    );
  };

  return (
    <form id="user-form" className="form card" noValidate onSubmit={onSubmit} aria-labelledby="user-form-title">
      <h2 id="user-form-title">{t('admin.users.createTitle')}</h2>
      {createdName ? <SuccessNotice>{t('admin.users.created', { name: createdName })}</SuccessNotice> : null}
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <div className="form-grid">
        <TextField
          label={t('admin.users.email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
          error={errors.email}
          inputRef={emailRef}
        />
        <TextField
          label={t('admin.users.displayName')}
          name="displayName"
          autoComplete="off"
          required
          value={displayName}
          onChange={setDisplayName}
          error={errors.displayName}
        />
        <SelectField
          label={t('admin.users.organisation')}
          name="organisationId"
          required
          value={organisationId}
          onChange={setOrganisationId}
          error={errors.organisationId}
        >
          <option value="">{t('admin.users.selectOrganisation')}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('admin.users.role')}
          name="role"
          required
          disabled={roles.length === 0}
          value={selectedRole}
          onChange={(value) => setRole(value as Role)}
          error={errors.role}
        >
          {roles.length === 0 ? <option value="">—</option> : null}
          {roles.map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </SelectField>
        <PasswordField
          purpose="new"
          label={t('admin.users.password')}
          name="password"
          required
          value={password}
          onChange={setPassword}
          hint={t('admin.users.passwordHint')}
          error={errors.password}
        />
      </div>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? t('common.saving') : t('admin.users.submit')}
      </button>
    </form>
  );
}
