import type { OrganisationKind, Role } from './enums';

export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  municipalityCode: string | null;
  /** Every user of the organisation must use two factors. */
  mfaRequired: boolean;
  createdAt: string;
}

export interface CreateOrganisationRequest {
  name: string;
  kind: OrganisationKind;
  municipalityCode?: string;
}

export interface UpdateOrganisationRequest {
  name?: string;
  municipalityCode?: string;
  mfaRequired?: boolean;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  active: boolean;
  createdAt: string;
}

export interface CreateUserRequest {
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  password: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
