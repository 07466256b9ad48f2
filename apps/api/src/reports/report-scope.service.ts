import { Injectable } from '@nestjs/common';
import { Role, type ReportScopeKind } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { ReportSettingsRepository } from './report-settings.repository';
import { ReportTexts, Things } from '../common/errors/texts';

/** A report's area after the access check. */
export interface ResolvedScope {
  kind: ReportScopeKind;
  code: string;
  name: string;
  /** Persons' municipalities (null for a centre: its own requests wherever the person lives). */
  personCodes: string[] | null;
  organisationId: string | null;
  /** Municipalities whose providers, homes and status rows the report shows. */
  areaCodes: string[];
}

const FORBIDDEN = () => AppException.forbidden(ReportTexts.scopeForbidden);
const notFound = () => AppException.notFound(Things.reportScope);

/**
 * Who reads which figures: an officer their municipality (a city's officer its wards too), and their
 * 圏域 only when the region has agreed to share; a coordinator their own centre; an admin anything.
 */
@Injectable()
export class ReportScopeResolver {
  constructor(private readonly repo: ReportSettingsRepository) {}

  async resolve(auth: AuthUser, kind: ReportScopeKind | undefined, code: string | undefined): Promise<ResolvedScope> {
    if (auth.role === Role.Admin) {
      if (!kind || !code) throw AppException.invalidField('scope', 'required', ReportTexts.scopeRequired);
      return this.scope(kind, code);
    }
    const own = await this.repo.organisation(auth.organisationId);
    if (!own) throw FORBIDDEN();
    if (auth.role === Role.Coordinator) {
      if ((kind ?? 'centre') !== 'centre' || (code ?? own.id) !== own.id) throw FORBIDDEN();
      return this.scope('centre', own.id);
    }
    if (auth.role !== Role.MunicipalOfficer || !own.municipalityCode) throw FORBIDDEN();
    const home = await this.repo.place(own.municipalityCode);
    if (!home) throw FORBIDDEN();
    switch (kind ?? 'municipality') {
      case 'municipality': {
        const target = code ?? home.code;
        if (target !== home.code) {
          const place = await this.repo.place(target);
          if (!place || place.parentCode !== home.code) throw FORBIDDEN();
        }
        return this.scope('municipality', target);
      }
      case 'region': {
        const target = code ?? home.regionId;
        if (!target || target !== home.regionId || !home.regionShared) throw FORBIDDEN();
        return this.scope('region', target);
      }
      default:
        throw FORBIDDEN();
    }
  }

  /** The officer's own municipality (for settings pages). */
  async officerMunicipality(auth: AuthUser): Promise<string> {
    const own = await this.repo.organisation(auth.organisationId);
    if (!own?.municipalityCode) throw FORBIDDEN();
    return own.municipalityCode;
  }

  private async scope(kind: ReportScopeKind, code: string): Promise<ResolvedScope> {
    switch (kind) {
      case 'municipality': {
        const place = await this.repo.place(code);
        if (!place) throw notFound();
        const codes = await this.repo.areaCodes({ municipality: code });
        return { kind, code, name: place.name, personCodes: codes, organisationId: null, areaCodes: codes };
      }
      case 'region': {
        const region = await this.repo.region(code);
        if (!region) throw notFound();
        const codes = await this.repo.areaCodes({ regionId: code });
        return { kind, code, name: region.name, personCodes: codes, organisationId: null, areaCodes: codes };
      }
      case 'prefecture': {
        const pref = await this.repo.prefecture(code);
        if (!pref) throw notFound();
        const codes = await this.repo.areaCodes({ prefectureCode: code });
        return { kind, code, name: pref.name, personCodes: codes, organisationId: null, areaCodes: codes };
      }
      case 'centre': {
        const org = /^[0-9a-f-]{36}$/i.test(code) ? await this.repo.organisation(code) : undefined;
        if (!org || !['consultation_centre', 'municipality'].includes(org.kind)) throw notFound();
        // a centre serves its region: the providers and homes shown beside its requests are the region's
        const place = org.municipalityCode ? await this.repo.place(org.municipalityCode) : undefined;
        const areaCodes = place
          ? await this.repo.areaCodes(place.regionId ? { regionId: place.regionId } : { municipality: place.parentCode ?? place.code })
          : [];
        return { kind, code, name: org.name, personCodes: null, organisationId: org.id, areaCodes };
      }
    }
  }
}
