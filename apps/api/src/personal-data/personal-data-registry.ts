import { declineNoteAad, personAad, situationAad } from '../emergency-requests/request.sql';
import { eventTextAad } from '../emergency-requests/request-timeline';
import { idempotencyAad } from '../idempotency/idempotency.repository';
import { trialAad } from '../trial-stays/trial-personal-data';
import { registrationAad } from '../ledger/registration-aad';

/**
 * A column holding personal data encrypted with PersonalDataCipher (AES-256-GCM, AAD bound to row
 * and field). No plaintext twin exists beside it (the last went in SealLeftoverPlaintext1765867000000).
 */
export interface EncryptedColumn {
  table: string;
  /** The bytea column. */
  encrypted: string;
  /** SQL naming a row as text (default `id::text`): what `aad` is given and rows are updated by. */
  rowKey?: string;
  /** The additional authenticated data of a row (by its `rowKey`). */
  aad: (key: string) => string;
  what: string;
}

/**
 * The one list of every column that can hold personal data about a supported person. Key rotation
 * (`npm run rotate-personal-data-key`) re-encrypts exactly these, and the security tests check after
 * each flow that every one holds ciphertext. A new personal field is added here, or it is not protected.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'emergency_requests', encrypted: 'person_encrypted', aad: personAad, what: 'the person (name, birth date, address, contacts, medical notes, wishes)' },
  { table: 'emergency_requests', encrypted: 'situation_encrypted', aad: situationAad, what: 'what happened to the person' },
  { table: 'persons', encrypted: 'display_name_encrypted', aad: trialAad.personName, what: 'the person’s name (the ledger, trial stays, waiting lists)' },
  { table: 'trial_stays', encrypted: 'note_encrypted', aad: trialAad.stayNote, what: 'booking note' },
  { table: 'trial_stays', encrypted: 'reason_encrypted', aad: trialAad.stayReason, what: 'why a stay was declined or cancelled' },
  { table: 'waiting_list_entries', encrypted: 'display_name_encrypted', aad: trialAad.waitingName, what: 'the person’s name (waiting list)' },
  {
    table: 'registrations',
    encrypted: 'form_encrypted',
    aad: registrationAad,
    what: '緊急時利用登録届 (every field of 別紙3: names, ふりがな, birth date, address, phones, certificates, illness, medication, emergency contacts, household, consultant, wishes)',
  },
  { table: 'waiting_list_entries', encrypted: 'notes_encrypted', aad: trialAad.waitingNotes, what: 'waiting-list notes' },
  {
    table: 'request_events',
    encrypted: 'text_encrypted',
    aad: eventTextAad,
    what: 'coordinators’ timeline notes and decline notes in the timeline',
  },
  {
    table: 'request_responses',
    encrypted: 'note_encrypted',
    rowKey: `request_id::text || ':' || organisation_id::text`,
    aad: (key) => declineNoteAad(key.slice(0, 36), key.slice(37)),
    what: 'a provider’s decline note',
  },
  {
    table: 'idempotency_keys',
    encrypted: 'response_encrypted',
    rowKey: `user_id::text || ':' || key`,
    aad: (k) => idempotencyAad(k.slice(0, 36), k.slice(37)),
    what: 'the stored answer of a POST with an Idempotency-Key (a request’s view: situation, notes, person)',
  },
];

/** `id::text` unless the table names its rows otherwise. */
export const rowKeyOf = (c: EncryptedColumn) => c.rowKey ?? 'id::text';
