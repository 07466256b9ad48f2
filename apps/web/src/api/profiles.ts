import type { ProviderPhotoView, ProviderProfileView, UpdateProviderProfileRequest } from '@akiwa/contracts';
import { apiDownload, apiFetch } from './client';

const profilePath = (organisationId: string) => `/providers/${encodeURIComponent(organisationId)}/profile`;

export function fetchProviderProfile(organisationId: string, signal?: AbortSignal): Promise<ProviderProfileView> {
  return apiFetch<ProviderProfileView>(profilePath(organisationId), { signal });
}

export function saveProviderProfile(body: UpdateProviderProfileRequest): Promise<ProviderProfileView> {
  return apiFetch<ProviderProfileView>('/providers/me/profile', { method: 'PUT', body });
}

export function uploadProviderPhoto(file: File, caption: string): Promise<ProviderPhotoView> {
  const form = new FormData();
  form.append('photo', file);
  form.append('caption', caption);
  return apiFetch<ProviderPhotoView>('/providers/me/profile/photos', { method: 'POST', form });
}

export function deleteProviderPhoto(photoId: string): Promise<void> {
  return apiFetch<void>(`/providers/me/profile/photos/${encodeURIComponent(photoId)}`, { method: 'DELETE' });
}

/** The photo as a Blob (fetched with the bearer token; an <img src> to the API could not authenticate). */
export async function fetchProviderPhoto(organisationId: string, photoId: string): Promise<Blob> {
  return (await apiDownload(`${profilePath(organisationId)}/photos/${encodeURIComponent(photoId)}`)).blob;
}
