import { Foundation1764000000000 } from './1764000000000-foundation';
import { AuditSeals1765100000000 } from './1765100000000-audit-seals';
import { EncryptSituation1764700000000 } from './1764700000000-encrypt-situation';
import { EncryptTrialPersonalData1764800000000 } from './1764800000000-encrypt-trial-personal-data';
import { UnitsAndVacancies1764100000000 } from './1764100000000-units-and-vacancies';
import { EmergencyRequests1764300000000 } from './1764300000000-emergency-requests';
import { TrialStays1764400000000 } from './1764400000000-trial-stays';
import { Sessions1765000000000 } from './1765000000000-sessions';
import { MfaAndPasswords1765010000000 } from './1765010000000-mfa-and-passwords';
import { EventOutbox1765200000000 } from './1765200000000-event-outbox';
import { IdempotencyKeys1765200000001 } from './1765200000001-idempotency-keys';
import { ServiceNight1765300000000 } from './1765300000000-service-night';
import { EmergencyFlows1765300100000 } from './1765300100000-emergency-flows';
import { SharedBedNights1765350000000 } from './1765350000000-shared-bed-nights';
import { AlertReceipts1765500000000 } from './1765500000000-alert-receipts';
import { OncallRota1765500000001 } from './1765500000001-oncall-rota';
import { Escalations1765500000002 } from './1765500000002-escalations';
import { PushSubscriptions1765500000003 } from './1765500000003-push-subscriptions';
import { UrgentContacts1765500000004 } from './1765500000004-urgent-contacts';
import { Reports1765700000000 } from './1765700000000-reports';
import { TrialPolicyConsistent1765700000001 } from './1765700000001-trial-policy-consistent';
import { EncryptRequestTexts1765800000000 } from './1765800000000-encrypt-request-texts';
import { ServiceAreas1765800000001 } from './1765800000001-service-areas';
import { AlertPushes1765830000000 } from './1765830000000-alert-pushes';
import { Persons1765850000000 } from './1765850000000-persons';
import { Registrations1765850000001 } from './1765850000001-registrations';
import { EscalationDelaysChangedBy1765862000000 } from './1765862000000-escalation-delays-changed-by';
import { ProviderProfiles1765865000000 } from './1765865000000-provider-profiles';
import { SealLeftoverPlaintext1765867000000 } from './1765867000000-seal-leftover-plaintext';
import { RegionResponseWindows1765868000000 } from './1765868000000-region-response-windows';
import { ApiKeys1765869000000 } from './1765869000000-api-keys';
import { Webhooks1765870000000 } from './1765870000000-webhooks';
import { ReportMonthAggregates1765872000000 } from './1765872000000-report-month-aggregates';
import { ReportMonthBuckets1765872000001 } from './1765872000001-report-month-buckets';
import { UnitsCalendarOrder1765874000000 } from './1765874000000-units-calendar-order';
import { LedgerListing1765875000001 } from './1765875000001-ledger-listing';
import { LedgerListingSetBased1765877000000 } from './1765877000000-ledger-listing-set-based';
import { LedgerListingSyncOnce1765877000001 } from './1765877000001-ledger-listing-sync-once';
import { LedgerListingSyncLocksPerson1765877000002 } from './1765877000002-ledger-listing-sync-locks-person';
import { UnitNights1765878500000 } from './1765878500000-unit-nights';
import { OutboxNotifyIds1765878600000 } from './1765878600000-outbox-notify-ids';
import { CalendarUnitsVersion1765877100000 } from './1765877100000-calendar-units-version';

/** In order. Each feature appends its own; never edit one that has shipped. */
export const MIGRATIONS = [
  Foundation1764000000000,
  UnitsAndVacancies1764100000000,
  EmergencyRequests1764300000000,
  TrialStays1764400000000,
  EncryptSituation1764700000000,
  EncryptTrialPersonalData1764800000000,
  Sessions1765000000000,
  MfaAndPasswords1765010000000,
  AuditSeals1765100000000,
  EventOutbox1765200000000,
  IdempotencyKeys1765200000001,
  ServiceNight1765300000000,
  EmergencyFlows1765300100000,
  SharedBedNights1765350000000,
  AlertReceipts1765500000000,
  OncallRota1765500000001,
  Escalations1765500000002,
  PushSubscriptions1765500000003,
  UrgentContacts1765500000004,
  Reports1765700000000,
  TrialPolicyConsistent1765700000001,
  EncryptRequestTexts1765800000000,
  ServiceAreas1765800000001,
  AlertPushes1765830000000,
  Persons1765850000000,
  Registrations1765850000001,
  EscalationDelaysChangedBy1765862000000,
  ProviderProfiles1765865000000,
  SealLeftoverPlaintext1765867000000,
  RegionResponseWindows1765868000000,
  ApiKeys1765869000000,
  Webhooks1765870000000,
  ReportMonthAggregates1765872000000,
  ReportMonthBuckets1765872000001,
  UnitsCalendarOrder1765874000000,
  LedgerListing1765875000001,
  LedgerListingSetBased1765877000000,
  LedgerListingSyncOnce1765877000001,
  LedgerListingSyncLocksPerson1765877000002,
  CalendarUnitsVersion1765877100000,
  UnitNights1765878500000,
  OutboxNotifyIds1765878600000,
];
