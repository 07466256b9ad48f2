import type {
  CreateOrganisationRequest,
  OrganisationView,
  Page,
  UpdateOrganisationRequest,
} from '@akiwa/contracts';
import { apiFetch } from './client';
import type { PageScope } from './query-keys';

export function fetchOrganisations(scope: PageScope, signal?: AbortSignal): Promise<Page<OrganisationView>> {
  return apiFetch<Page<OrganisationView>>('/admin/organisations', { query: { ...scope }, signal });
}

export function createOrganisation(body: CreateOrganisationRequest): Promise<OrganisationView> {
  return apiFetch<OrganisationView>('/admin/organisations', { method: 'POST', body });
}

export function updateOrganisation(id: string, body: UpdateOrganisationRequest): Promise<OrganisationView> {
  return apiFetch<OrganisationView>(`/admin/organisations/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
