import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DurableEvent, ServerToClientEvents } from '@akiwa/contracts';
import { OutboxRepository } from './outbox.repository';

/** Marks a transaction (its query runner's data) that appended events: the highest outbox id it wrote. */
export const OUTBOX_WRITTEN = 'akiwaOutboxWritten';

/** What a durable event carries, without the id the outbox gives it. */
export type DurablePayload<E extends DurableEvent> = Omit<Parameters<ServerToClientEvents[E]>[0], 'eventId'>;

export interface PendingEvent<E extends DurableEvent = DurableEvent> {
  rooms: string[];
  event: E;
  payload: DurablePayload<E>;
}

/**
 * The one way to announce a domain change: the event and its audience (rooms) are written to the
 * outbox in the transaction of the change, so an event exists if and only if its change committed,
 * survives any crash after the commit, and is delivered and replayed from the audience named here.
 */
@Injectable()
export class EventOutbox {
  constructor(private readonly repo: OutboxRepository) {}

  append<E extends DurableEvent>(tx: EntityManager, rooms: string | string[], event: E, payload: DurablePayload<E>): Promise<void> {
    return this.appendAll(tx, [{ rooms: typeof rooms === 'string' ? [rooms] : rooms, event, payload }]);
  }

  /** Several events in one statement (a fan-out to many organisations), in the given order. */
  async appendAll(tx: EntityManager, events: PendingEvent[]): Promise<void> {
    const audible = events.filter((e) => e.rooms.length > 0);
    if (!audible.length) return;
    const last = await this.repo.insert(tx, audible);
    // this instance's relay runs right after the commit (see OutboxRelay), before the caller answers
    if (tx.queryRunner) tx.queryRunner.data = { ...tx.queryRunner.data, [OUTBOX_WRITTEN]: Math.max(last, tx.queryRunner.data?.[OUTBOX_WRITTEN] ?? 0) };
  }
}
