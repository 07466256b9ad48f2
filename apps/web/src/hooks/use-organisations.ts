import type { CreateOrganisationRequest, OrganisationView, Page, UpdateOrganisationRequest } from '@akiwa/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { createOrganisation, fetchOrganisations, updateOrganisation } from '../api/organisations';
import { QueryKeys, type PageScope } from '../api/query-keys';

export function useOrganisations(scope: PageScope) {
  return useQuery<Page<OrganisationView>, ApiError>({
    queryKey: QueryKeys.organisations.list(scope),
    queryFn: ({ signal }) => fetchOrganisations(scope, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation<OrganisationView, ApiError, CreateOrganisationRequest>({
    mutationFn: createOrganisation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.organisations.all() }),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation<OrganisationView, ApiError, { id: string; changes: UpdateOrganisationRequest }>({
    mutationFn: ({ id, changes }) => updateOrganisation(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.organisations.all() }),
  });
}
