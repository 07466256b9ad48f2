import type { AdjustVacancyRequest } from '@akiwa/contracts';
import { indexedDbChangeStore, type ChangeStore, type PendingChange } from './change-store';

/** What a page needs to know of the browser's other pages. */
export interface PageRegistry {
  /** Whether the page with this id is still open (it then sends its changes itself). */
  isOpen(pageId: string): Promise<boolean>;
  /** Runs `fn` while no other page of this browser runs it, so two pages never take over one change. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

const PAGE_LOCK = (pageId: string) => `akiwa.page:${pageId}`;

/**
 * Web Locks: each page holds a lock named after itself for as long as it lives (the browser lets go
 * when the tab closes or crashes), so "is that page still open?" is a look at the held locks.
 * Without Web Locks every owner counts as gone: a change may then be sent by two pages, which the
 * server's Idempotency-Key record still applies once.
 */
export function browserPages(pageId: string): PageRegistry {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return { isOpen: async () => false, exclusive: (fn) => fn() };
  void locks.request(PAGE_LOCK(pageId), () => new Promise<never>(() => undefined));
  return {
    isOpen: async (other) => (await locks.query()).held?.some((l) => l.name === PAGE_LOCK(other)) ?? false,
    exclusive: (fn) => locks.request('akiwa.vacancy-changes', fn),
  };
}

/** 128 random bits, hex: the change's id and its Idempotency-Key. */
export function newChangeId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface NewChange {
  id: string;
  userId: string;
  unitId: string;
  night: string;
  gender: PendingChange['gender'];
  delta: number;
}

/**
 * The phone's +/− taps, kept in IndexedDB from the tap until the server has answered, so they
 * outlive the tab. The page that made a tap sends it (through the unit's mutation scope, in order);
 * a tap left behind by a closed page is taken over by the next page the same user opens.
 *
 * Never twice: a change's body is written down before it is first sent, and every later attempt
 * (a retry, a replay from another page) sends that same body with the same Idempotency-Key — the
 * server answers a key it has already carried out from its record. A change that was never sent
 * reads the unit's version when it is sent, like a tap made online.
 */
export class VacancyChangeQueue {
  constructor(
    private readonly store: ChangeStore,
    private readonly pages: PageRegistry,
    readonly pageId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Written down at the tap, before anything else can happen to it. */
  async record(change: NewChange): Promise<void> {
    await this.store.put({ ...change, pageId: this.pageId, createdAt: this.now().toISOString(), sent: null, refused: null });
  }

  /**
   * The body to send: the one sent before, if any (byte for byte, so the server recognises it),
   * else a new one, written down before it leaves.
   */
  async bodyToSend(id: string, fresh: () => Promise<AdjustVacancyRequest>): Promise<AdjustVacancyRequest> {
    const change = await this.store.get(id);
    if (!change) return fresh();
    if (change.sent) return change.sent;
    const sent = await fresh();
    await this.store.put({ ...change, sent });
    return sent;
  }

  /** The server carried it out (or answered from its record that it had). */
  async done(id: string): Promise<void> {
    await this.store.delete(id);
  }

  /** The server refused it: kept, to be shown to its user, until dismissed. */
  async refuse(id: string, refused: NonNullable<PendingChange['refused']>): Promise<void> {
    const change = await this.store.get(id);
    if (change) await this.store.put({ ...change, refused });
  }

  /** Forgets a refused change once its user has read why. */
  async dismiss(id: string): Promise<void> {
    await this.store.delete(id);
  }

  /** The user's refused changes, oldest first. */
  async refused(userId: string): Promise<PendingChange[]> {
    return (await this.store.all()).filter((c) => c.userId === userId && c.refused).sort(byCreation);
  }

  /**
   * The user's changes whose page has closed (or this page's own that it no longer sends: its session
   * had to be resumed first), now owned by this page, oldest first: this page sends them. Exclusive
   * across pages, so each is taken over by one page only.
   */
  async takeOverLeftovers(userId: string, sendingHere: ReadonlySet<string>): Promise<PendingChange[]> {
    return this.pages.exclusive(async () => {
      const taken: PendingChange[] = [];
      for (const change of await this.store.all()) {
        if (change.userId !== userId || change.refused || sendingHere.has(change.id)) continue;
        if (change.pageId !== this.pageId && (await this.pages.isOpen(change.pageId))) continue;
        const mine = { ...change, pageId: this.pageId };
        await this.store.put(mine);
        taken.push(mine);
      }
      return taken.sort(byCreation);
    });
  }
}

const byCreation = (a: PendingChange, b: PendingChange) => a.createdAt.localeCompare(b.createdAt);

let pageQueue: VacancyChangeQueue | null | undefined;

/** This page's queue in IndexedDB (null without IndexedDB: taps then live in the page only, as before). */
export function vacancyChangeQueue(): VacancyChangeQueue | null {
  if (pageQueue === undefined) {
    const pageId = newChangeId();
    pageQueue = typeof indexedDB === 'undefined' ? null : new VacancyChangeQueue(indexedDbChangeStore(), browserPages(pageId), pageId);
  }
  return pageQueue;
}
