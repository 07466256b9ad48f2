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

/**
 * The municipalities a consultation centre serves: its coordinators post emergency requests only for
 * these (a city covers its wards). None set: the prefecture of the centre's own municipality.
 */
export interface ServiceAreaView {
  organisationId: string;
  municipalityCodes: string[];
  /** True while none is set: the centre serves its own prefecture (`prefectureCode`). */
  isDefault: boolean;
  prefectureCode: string | null;
}

export interface SetServiceAreaRequest {
  /** Empty: back to the default (the centre's prefecture). */
  municipalityCodes: string[];
}
