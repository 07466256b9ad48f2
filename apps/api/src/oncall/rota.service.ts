import { Injectable } from '@nestjs/common';
import type { OnCallView, RotaDayView, RotaHolderView, RotaOwnerKind, RotaShift, RotaView, UpdateRota } from '@akiwa/contracts';
import { japaneseHolidayName, onCallAt, rotaCalendar, shiftAt, validHandOver, type ShiftHolder } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { RequestErrors } from '../emergency-requests/request-errors';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { RotaRepository, type RotaOwner } from './rota.repository';
import { OncallTexts, Things } from '../common/errors/texts';

const noRegion = () => AppException.notFound(Things.ownRegion);

/**
 * The on-call rota (当番表): coordinators of a centre keep their centre's, coordinators of the region's
 * centres keep the region's. Who is on call is worked out by libs/domain (`onCallAt`), with public
 * holidays from @holiday-jp/holiday_jp.
 */
@Injectable()
export class RotaService {
  constructor(
    private readonly rotas: RotaRepository,
    private readonly organisations: OrganisationsRepository,
  ) {}

  /** The caller's centre rota or region rota. */
  async ownerFor(auth: AuthUser, kind: RotaOwnerKind): Promise<RotaOwner> {
    if (kind === 'organisation') return { kind, id: auth.organisationId };
    const region = await this.organisations.regionOf(auth.organisationId);
    if (!region) throw noRegion();
    return { kind, id: region };
  }

  async view(owner: RotaOwner, from: string, to: string): Promise<RotaView> {
    const [name, rota, candidates] = await Promise.all([this.rotas.ownerName(owner), this.rotas.load(owner), this.rotas.candidates(owner)]);
    if (!name) throw AppException.notFound(Things.rota);
    const [pattern, exceptions] = await Promise.all([this.rotas.pattern(rota.id), this.rotas.exceptions(rota.id, from, to)]);
    const names = new Map(candidates.map((c) => [c.userId, c.name]));
    const missing = [...new Set([...pattern, ...exceptions].map((p) => p.userId).filter((id) => !names.has(id)))];
    for (const [id, n] of await this.rotas.userNames(missing)) names.set(id, n);
    const holder = (h: ShiftHolder): RotaHolderView => ({ userId: h.userId, name: h.userId ? (names.get(h.userId) ?? null) : null, source: h.source });
    const calendar: RotaDayView[] = rotaCalendar({ pattern, exceptions }, from, to, japaneseHolidayName).map((d) => ({ ...d, day: holder(d.day), night: holder(d.night) }));
    return {
      ownerKind: owner.kind,
      ownerId: owner.id,
      ownerName: name,
      phone: rota.phone,
      dayStarts: rota.dayStarts,
      nightStarts: rota.nightStarts,
      pattern,
      candidates,
      calendar,
    };
  }

  async update(owner: RotaOwner, dto: UpdateRota): Promise<void> {
    if (!validHandOver(dto)) {
      throw AppException.invalidField('nightStarts', 'hand_over_order', OncallTexts.handOverOrder);
    }
    const slots = new Set<string>();
    for (const slot of dto.pattern) {
      const key = `${slot.weekday}:${slot.shift}`;
      if (slots.has(key)) throw AppException.invalidField('pattern', 'duplicate_slot', OncallTexts.duplicateSlot);
      slots.add(key);
    }
    await this.checkHolders(owner, dto.pattern.map((p) => p.userId));
    await this.rotas.save(owner, dto, dto.pattern);
  }

  async setException(owner: RotaOwner, date: string, shift: RotaShift, userId: string | null): Promise<void> {
    if (userId) await this.checkHolders(owner, [userId]);
    await this.rotas.setException(owner, date, shift, userId);
  }

  regionOf(organisationId: string): Promise<string | null> {
    return this.organisations.regionOf(organisationId);
  }

  /** Who holds the phone now for a centre: its own rota, else its region's. Null when nobody is set. */
  async onCallFor(organisationId: string, now: Date): Promise<(OnCallView & { userId: string }) | null> {
    const region = await this.organisations.regionOf(organisationId);
    const owners: RotaOwner[] = [{ kind: 'organisation', id: organisationId }, ...(region ? [{ kind: 'region' as const, id: region }] : [])];
    for (const owner of owners) {
      const found = await this.holderNow(owner, now);
      if (found) return found;
    }
    return null;
  }

  /** The holder of one rota at an instant, with the rota's phone. */
  async holderNow(owner: RotaOwner, now: Date): Promise<(OnCallView & { userId: string }) | null> {
    const rota = await this.rotas.load(owner);
    if (!rota.id) return null;
    const { date } = shiftAt(rota, now);
    const [pattern, exceptions] = await Promise.all([this.rotas.pattern(rota.id), this.rotas.exceptions(rota.id, date, date)]);
    const held = onCallAt({ ...rota, pattern, exceptions }, now, japaneseHolidayName);
    if (!held.userId) return null;
    const [names, ownerName] = await Promise.all([this.rotas.userNames([held.userId]), this.rotas.ownerName(owner)]);
    return { userId: held.userId, ownerKind: owner.kind, ownerName: ownerName ?? '', name: names.get(held.userId) ?? '', phone: rota.phone, shift: held.shift };
  }

  /** For a provider's request card: the posting centre's on-call person (404 unless the request was sent to the caller). */
  async onCallForRequest(auth: AuthUser, requestId: string, now: Date): Promise<OnCallView | null> {
    const posting = await this.rotas.postingOrganisationOf(requestId, auth.organisationId);
    if (!posting) throw RequestErrors.notFound();
    const found = await this.onCallFor(posting, now);
    if (!found) return null;
    const { userId: _u, ...view } = found;
    return view;
  }

  private async checkHolders(owner: RotaOwner, userIds: string[]): Promise<void> {
    const allowed = new Set((await this.rotas.candidates(owner)).map((c) => c.userId));
    if (userIds.some((id) => !allowed.has(id))) {
      throw AppException.invalidField('userId', 'not_a_candidate', OncallTexts.notACandidate);
    }
  }
}
