import type { ProviderPhotoView, ProviderProfileView, UpdateProviderProfileRequest } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { conflictCurrent, type ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import { deleteProviderPhoto, fetchProviderPhoto, fetchProviderProfile, saveProviderProfile, uploadProviderPhoto } from '../api/profiles';

export function useProviderProfile(organisationId: string | undefined) {
  return useQuery<ProviderProfileView, ApiError>({
    queryKey: QueryKeys.profiles.detail(organisationId ?? 'none'),
    queryFn: ({ signal }) => fetchProviderProfile(organisationId!, signal),
    enabled: Boolean(organisationId),
  });
}

/** Saves the caller's own profile; a 409 adopts the current version the server sent. */
export function useSaveProviderProfile(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation<ProviderProfileView, ApiError, UpdateProviderProfileRequest>({
    mutationFn: saveProviderProfile,
    onSuccess: (profile) => queryClient.setQueryData(QueryKeys.profiles.detail(organisationId), profile),
    onError: (error) => {
      const current = conflictCurrent<ProviderProfileView>(error);
      if (current) queryClient.setQueryData(QueryKeys.profiles.detail(organisationId), current);
    },
  });
}

export function useUploadProviderPhoto(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation<ProviderPhotoView, ApiError, { file: File; caption: string }>({
    mutationFn: ({ file, caption }) => uploadProviderPhoto(file, caption),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.profiles.detail(organisationId) }),
  });
}

export function useDeleteProviderPhoto(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: deleteProviderPhoto,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.profiles.detail(organisationId) }),
  });
}

/** A photo as an object URL (fetched with the token), released when no longer shown. */
export function usePhotoUrl(organisationId: string, photoId: string): string | null {
  const { data } = useQuery({
    queryKey: QueryKeys.profiles.photo(organisationId, photoId),
    queryFn: () => fetchProviderPhoto(organisationId, photoId),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!data) return;
    const next = URL.createObjectURL(data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [data]);
  return url;
}
