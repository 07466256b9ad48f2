import type { EmergencyRequestView, PersonDetails } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { TextAreaField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useUpdateEmergencyRequestPerson } from '../../hooks/use-emergency-requests';
import { useRequestTexts } from './i18n';
import { PersonDetailsList } from './request-bits';

type PersonForm = Required<PersonDetails>;
const FIELDS = ['name', 'nameKana', 'birthDate', 'phone', 'address', 'emergencyContact', 'wishes', 'medicalNotes'] as const;

const formOf = (person: PersonDetails | null): PersonForm => Object.fromEntries(FIELDS.map((f) => [f, person?.[f] ?? ''])) as PersonForm;

/**
 * 本人情報 on the coordinator's request page, with the unregistered person flow (seed 000): identity
 * added or corrected after posting, on an open or placed request (`PUT …/person`, audited). The whole
 * record is sent: what is emptied here is removed. A placed provider sees the change at once.
 */
export function PersonCard({ request }: { request: EmergencyRequestView }) {
  const { rt, lang } = useRequestTexts();
  const apiError = useApiError();
  const save = useUpdateEmergencyRequestPerson(request.id);
  const editable = request.status === 'open' || request.status === 'placed';
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<PersonForm>(() => formOf(request.person));
  const [clientError, setClientError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const serverErrors: Record<string, string> = {};
  if (save.error instanceof ApiError) for (const d of save.error.body.details) serverErrors[d.field.replace(/^person\./, '')] ??= d.message[lang];
  const errorOf = (field: (typeof FIELDS)[number]) => (field === 'name' && clientError) || serverErrors[field];

  const open = () => {
    setForm(formOf(request.person));
    setSaved(false);
    save.reset();
    setEditing(true);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.name.trim()) return setClientError(rt('form.required.name'));
    setClientError(undefined);
    const person = Object.fromEntries(FIELDS.filter((f) => form[f].trim()).map((f) => [f, form[f].trim()])) as unknown as PersonDetails;
    save.mutate(person, { onSuccess: () => (setEditing(false), setSaved(true)) });
  };

  const text = (field: (typeof FIELDS)[number], props: { type?: 'date' | 'tel'; inputMode?: 'tel' } = {}) => (
    <TextField label={rt(`form.${field}`)} name={`person.${field}`} value={form[field]} autoComplete="off" error={errorOf(field)} onChange={(v) => setForm((f) => ({ ...f, [field]: v }))} {...props} />
  );

  return (
    <section className="card" aria-labelledby="person-title" data-testid="person-card">
      <h2 id="person-title">{rt('detail.person')}</h2>
      {request.person ? <PersonDetailsList person={request.person} /> : <p>{rt('detail.personNone')}</p>}
      {saved ? <SuccessNotice>{rt('detail.personSaved')}</SuccessNotice> : null}
      {editable && !editing ? (
        <button type="button" className="button button--secondary" onClick={open}>
          {rt('detail.personEdit')}
        </button>
      ) : null}
      {editable && editing ? (
        <form className="form person-form" noValidate onSubmit={onSubmit} aria-label={rt('detail.personEdit')}>
          <p className="field-hint">{request.status === 'placed' ? rt('detail.personLeadPlaced') : rt('detail.personLeadOpen')}</p>
          {text('name')}
          {text('nameKana')}
          {text('birthDate', { type: 'date' })}
          {text('phone', { type: 'tel', inputMode: 'tel' })}
          {text('address')}
          {text('emergencyContact')}
          <TextAreaField label={rt('form.wishes')} name="person.wishes" value={form.wishes} hint={rt('form.wishesHint')} error={errorOf('wishes')} onChange={(v) => setForm((f) => ({ ...f, wishes: v }))} />
          <TextAreaField label={rt('form.medicalNotes')} name="person.medicalNotes" value={form.medicalNotes} error={errorOf('medicalNotes')} onChange={(v) => setForm((f) => ({ ...f, medicalNotes: v }))} />
          {save.error && !Object.keys(serverErrors).length ? <ErrorAlert>{apiError.message(save.error)}</ErrorAlert> : null}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {rt('detail.personSave')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
              {rt('detail.personCancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
