import type { CreateUserRequest, Page, UpdateUserRequest, UserView } from '@akiwa/contracts';
import { apiFetch } from './client';
import type { UsersScope } from './query-keys';

export function fetchUsers(scope: UsersScope, signal?: AbortSignal): Promise<Page<UserView>> {
  return apiFetch<Page<UserView>>('/admin/users', { query: { ...scope }, signal });
}

export function createUser(body: CreateUserRequest): Promise<UserView> {
  return apiFetch<UserView>('/admin/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<UserView> {
  return apiFetch<UserView>(`/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
