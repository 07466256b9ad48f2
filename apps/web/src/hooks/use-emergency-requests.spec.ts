import type { EmergencyRequestView, TimelineEntry } from '@akiwa/contracts';
import { QueryClient } from '@tanstack/react-query';
import { QueryKeys } from '../api/query-keys';
import { storeEmergencyRequest } from './use-emergency-requests';

const entry = (id: string, ja: string, more: Partial<TimelineEntry> = {}): TimelineEntry => ({ id, at: '2026-12-01T00:00:00.000Z', kind: 'note', text: { ja, en: ja }, ...more });
const withheld = (id: string) => entry(id, '', { withheld: true });

function view(timeline: TimelineEntry[], more: Partial<EmergencyRequestView> = {}): EmergencyRequestView {
  return {
    id: 'r1', organisationId: 'o', status: 'open', urgency: 'emergency',
    needs: { ageBand: '30-49', gender: 'male', categories: ['intellectual'], child: false, supportLevel: 4, specialNeeds: [] },
    municipalityCode: '43213', from: '2026-12-01', nights: 1, scope: 'municipality', widensAt: null, situation: '母が救急搬送', contractedOrganisationId: null,
    person: { name: '宇城 花子' }, matchedProviders: 1, recipients: [], exclusions: [], offers: [], placement: null, grantedDays: null, followUpOn: null, timeline, createdAt: '2026-12-01T00:00:00.000Z',
    ...more,
  };
}

/** A push (request:updated) carries no personal data: the cache keeps what an audited read brought. */
describe('storeEmergencyRequest with pushes that withhold personal data', () => {
  const detail = QueryKeys.emergencyRequests.detail('r1');

  it('keeps the person, the situation and the notes already read', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(detail, view([entry('1', '緊急受入の依頼を登録しました', { kind: 'posted' }), entry('2', '本人は犬が苦手')]));
    storeEmergencyRequest(queryClient, view([entry('1', '緊急受入の依頼を登録しました', { kind: 'posted' }), withheld('2'), entry('3', '受入可', { kind: 'offer' })], { person: null, situation: null }));
    const cached = queryClient.getQueryData<EmergencyRequestView>(detail)!;
    expect(cached.person).toEqual({ name: '宇城 花子' });
    expect(cached.situation).toBe('母が救急搬送');
    expect(cached.timeline.map((e) => [e.text.ja, e.withheld ?? false])).toEqual([
      ['緊急受入の依頼を登録しました', false],
      ['本人は犬が苦手', false],
      ['受入可', false],
    ]);
    expect(queryClient.getQueryState(detail)?.isInvalidated).toBe(false);
  });

  it('reads the request again (audited) when a push withholds a note it has not seen', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(detail, view([entry('1', '登録', { kind: 'posted' })]));
    storeEmergencyRequest(queryClient, view([entry('1', '登録', { kind: 'posted' }), withheld('2')], { person: null, situation: null }));
    expect(queryClient.getQueryState(detail)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData<EmergencyRequestView>(detail)!.situation).toBe('母が救急搬送');
  });

  it('does not cache a pushed view of a request never read (it has no situation to show)', () => {
    const queryClient = new QueryClient();
    storeEmergencyRequest(queryClient, view([entry('1', '登録', { kind: 'posted' })], { person: null, situation: null }));
    expect(queryClient.getQueryData(detail)).toBeUndefined();
  });
});
