import type { Socket } from 'socket.io-client';
import type { CreateEmergencyRequest, EmergencyRequestView } from '@akiwa/contracts';
import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { today } from './units';

/** A valid request: an intellectually disabled man in 宇城市, support level 4, tonight for one night. */
export function requestBody(overrides: Partial<CreateEmergencyRequest> & { needs?: Partial<CreateEmergencyRequest['needs']> } = {}): CreateEmergencyRequest {
  const { needs, ...rest } = overrides;
  return {
    needs: { ageBand: '30-49', gender: 'male', categories: ['intellectual'], child: false, supportLevel: 4, specialNeeds: [], ...needs },
    municipalityCode: '43213',
    from: today(),
    nights: 1,
    urgency: 'emergency',
    situation: '同居の母が救急搬送され、今夜の介護者がいない',
    ...rest,
  };
}

export async function postRequest(t: TestApp, token: string, overrides: Parameters<typeof requestBody>[0] = {}): Promise<EmergencyRequestView> {
  const r = await t.request('POST', '/api/emergency-requests', { token, body: requestBody(overrides) });
  if (r.status !== 201) throw new Error(`post request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Resolves with every `event` received within `ms` (to prove that nothing arrived). */
export function collect<T>(socket: Socket, event: string, ms = 400): Promise<T[]> {
  const got: T[] = [];
  const on = (p: T) => got.push(p);
  socket.on(event, on);
  return new Promise((resolve) => setTimeout(() => (socket.off(event, on), resolve(got)), ms));
}

/** The first `event` whose payload satisfies `pred`. */
export function eventWhere<T>(socket: Socket, event: string, pred: (p: T) => boolean, ms = 4000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (socket.off(event, on), reject(new Error(`no matching ${event} within ${ms} ms`))), ms);
    const on = (p: T) => {
      if (!pred(p)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(p);
    };
    socket.on(event, on);
  });
}

/**
 * The booking invariants, checked on the rows themselves:
 *  - per (unit, night): held summed over genders ≤ free summed over genders, and every row held ≤ free;
 *  - per (unit, night, gender): held = the number of live (held | confirmed) offers and live trial stays holding that row;
 *  - no request has two confirmed offers; a placed request has exactly one, no other status has any.
 */
export async function bookingViolations(db: DataSource): Promise<unknown[]> {
  const [overHeld, mismatched, doubleConfirmed, badStatus] = await Promise.all([
    db.query(`SELECT unit_id, night::text, sum(held) AS held, sum(free) AS free FROM vacancies GROUP BY 1, 2
              HAVING sum(held) > sum(free) OR bool_or(held > free) OR bool_or(held < 0)`),
    db.query(`WITH live AS (SELECT unit_id, night, gender, count(*)::int AS c FROM (
                              SELECT n.unit_id, n.night, n.gender FROM offer_nights n JOIN offers o ON o.id = n.offer_id WHERE o.status IN ('held','confirmed')
                              UNION ALL
                              SELECT n.unit_id, n.night, n.gender FROM trial_stay_nights n JOIN trial_stays s ON s.id = n.stay_id WHERE s.status IN ('requested','approved')
                            ) taken GROUP BY 1, 2, 3)
              SELECT v.unit_id, v.night::text, v.gender, v.held, coalesce(l.c, 0) AS live
              FROM vacancies v FULL JOIN live l ON l.unit_id = v.unit_id AND l.night = v.night AND l.gender = v.gender
              WHERE coalesce(v.held, 0) <> coalesce(l.c, 0)`),
    db.query(`SELECT request_id FROM offers WHERE status = 'confirmed' GROUP BY 1 HAVING count(*) > 1`),
    db.query(`SELECT e.id, e.status, count(o.id)::int AS confirmed FROM emergency_requests e
              LEFT JOIN offers o ON o.request_id = e.id AND o.status = 'confirmed'
              GROUP BY 1, 2 HAVING (e.status = 'placed') <> (count(o.id) = 1)`),
  ]);
  return [...overHeld.map((r: object) => ({ overHeld: r })), ...mismatched.map((r: object) => ({ mismatched: r })), ...doubleConfirmed.map((r: object) => ({ doubleConfirmed: r })), ...badStatus.map((r: object) => ({ badStatus: r }))];
}
