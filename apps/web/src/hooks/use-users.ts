import type { CreateUserRequest, Page, UpdateUserRequest, UserView } from '@akiwa/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { QueryKeys, type UsersScope } from '../api/query-keys';
import { createUser, fetchUsers, updateUser } from '../api/users';

export function useUsers(scope: UsersScope) {
  return useQuery<Page<UserView>, ApiError>({
    queryKey: QueryKeys.users.list(scope),
    queryFn: ({ signal }) => fetchUsers(scope, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation<UserView, ApiError, CreateUserRequest>({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.users.all() }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation<UserView, ApiError, { id: string; changes: UpdateUserRequest }>({
    mutationFn: ({ id, changes }) => updateUser(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.users.all() }),
  });
}
