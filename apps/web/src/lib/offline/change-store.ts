import type { AdjustVacancyRequest, VacancyGender } from '@akiwa/contracts';

/**
 * A +/− tap on the phone vacancy screen, written down before it is sent so that it outlives the tab
 * (issue 12: the offline queue survives closing the tab). Its id is the request's `Idempotency-Key`.
 */
export interface PendingChange {
  id: string;
  /** Whose change it is: another user logging in on the same phone never sends it. */
  userId: string;
  /** The page that owns it now; a page holds a Web Lock named after itself while it lives. */
  pageId: string;
  unitId: string;
  night: string;
  gender: VacancyGender;
  delta: number;
  createdAt: string;
  /**
   * The exact body once it has been sent (it may have reached the server even if no answer came
   * back): a replay sends these same bytes with the same key, which the server answers from its
   * record of the first, instead of applying the change a second time.
   */
  sent: AdjustVacancyRequest | null;
  /** The server refused it (a colleague's change came first, …): kept to be shown until dismissed. */
  refused: { status: number; message: { ja: string; en: string }; at: string } | null;
}

/** Where pending changes live: IndexedDB in the browser, memory in unit tests. */
export interface ChangeStore {
  all(): Promise<PendingChange[]>;
  get(id: string): Promise<PendingChange | undefined>;
  put(change: PendingChange): Promise<void>;
  delete(id: string): Promise<void>;
}

export function memoryChangeStore(): ChangeStore {
  const rows = new Map<string, PendingChange>();
  return {
    all: async () => [...rows.values()].map((c) => structuredClone(c)),
    get: async (id) => (rows.has(id) ? structuredClone(rows.get(id)) : undefined),
    put: async (change) => void rows.set(change.id, structuredClone(change)),
    delete: async (id) => void rows.delete(id),
  };
}

const DB_NAME = 'akiwa-offline';
const STORE = 'vacancy-changes';

/**
 * IndexedDB in four small calls. Written against the plain API rather than a wrapper library: the
 * wrapper would save some twenty lines and add a dependency to every install.
 */
export function indexedDbChangeStore(factory: IDBFactory = indexedDB): ChangeStore {
  let opened: Promise<IDBDatabase> | null = null;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opened = null;
        reject(request.error);
      };
    }));
  const run = async <T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T> => {
    const db = await open();
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = op(tx.objectStore(STORE));
      // resolved when the transaction commits: a write is on disk before the caller goes on
      tx.oncomplete = () => resolve(request ? request.result : (undefined as T));
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    all: () => run<PendingChange[]>('readonly', (s) => s.getAll() as IDBRequest<PendingChange[]>),
    get: (id) => run<PendingChange | undefined>('readonly', (s) => s.get(id) as IDBRequest<PendingChange | undefined>),
    put: async (change) => void (await run('readwrite', (s) => void s.put(change))),
    delete: async (id) => void (await run('readwrite', (s) => void s.delete(id))),
  };
}
