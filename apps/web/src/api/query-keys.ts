/**
 * Every React Query key of the web, in one frozen object. Keys carry their scope ids so that a
 * cache entry can never be served to another scope (another organisation, another page or filter);
 * the `all` prefixes let a mutation invalidate a whole family at once.
 */
export interface PageScope {
  limit: number;
  offset: number;
}

export interface UsersScope extends PageScope {
  organisationId?: string;
}

export const QueryKeys = Object.freeze({
  session: Object.freeze({
    me: (userId: string) => ['session', 'me', userId] as const,
  }),
  geography: Object.freeze({
    all: () => ['geography'] as const,
  }),
  organisations: Object.freeze({
    all: () => ['organisations'] as const,
    list: (scope: PageScope) => ['organisations', 'list', scope] as const,
  }),
  users: Object.freeze({
    all: () => ['users'] as const,
    list: (scope: UsersScope) =>
      ['users', 'list', { organisationId: scope.organisationId ?? null, limit: scope.limit, offset: scope.offset }] as const,
  }),
});
