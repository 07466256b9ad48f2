import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROLES_BY_ORGANISATION_KIND, SessionEndReason, type Page, type Role, type UserView } from '@akiwa/contracts';
import { AuditLog, changedFields } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { hashPassword } from '../common/crypto/password';
import { assertStrongPassword } from '../common/crypto/password-strength';
import { OrganisationsService } from '../organisations/organisations.service';
import { SessionsService } from '../sessions/sessions.service';
import { User } from './user.entity';
import type { CreateUserDto, UpdateUserDto } from './user.dto';
import { Things, UserTexts } from '../common/errors/texts';

const toView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  organisationId: u.organisationId,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditLog,
  ) {}

  async list(organisationId: string | undefined, limit: number, offset: number): Promise<Page<UserView>> {
    const [rows, total] = await this.db
      .getRepository(User)
      .findAndCount({ where: organisationId ? { organisationId } : {}, order: { email: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toView), total, limit, offset };
  }

  async create(dto: CreateUserDto, actor: AuthUser): Promise<UserView> {
    await this.checkRole(dto.organisationId, dto.role);
    const repo = this.db.getRepository(User);
    const exists = await repo.createQueryBuilder('u').where('lower(u.email) = lower(:e)', { e: dto.email }).getExists();
    if (exists) throw AppException.invalidField('email', 'taken', UserTexts.emailTaken);
    assertStrongPassword(dto.password, 'password', [dto.email, dto.displayName]);
    const user = await repo.save(repo.create({ ...dto, passwordHash: await hashPassword(dto.password), active: true }));
    await this.audit.record({ actor, action: 'user.create', subjectType: 'user', subjectId: user.id, detail: { role: user.role, organisationId: user.organisationId } });
    return toView(user);
  }

  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<UserView> {
    const repo = this.db.getRepository(User);
    const user = await repo.findOneBy({ id });
    if (!user) throw AppException.notFound(Things.user);
    if (dto.role) await this.checkRole(user.organisationId, dto.role);
    const { password, ...rest } = dto;
    // a DTO instance carries the fields not sent as undefined: they must not blank the stored ones
    Object.assign(user, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
    if (password) {
      assertStrongPassword(password, 'password', [user.email, user.displayName]);
      user.passwordHash = await hashPassword(password);
    }
    const saved = await repo.save(user);
    // which fields changed, never their values (a password above all)
    await this.audit.record({ actor, action: 'user.update', subjectType: 'user', subjectId: id, detail: { fields: changedFields(dto), ...(dto.role ? { role: dto.role } : {}), ...(dto.active !== undefined ? { active: dto.active } : {}) } });
    // a deactivated or re-roled user (or one whose password an admin set) is logged out everywhere at once
    const reason =
      dto.active === false ? SessionEndReason.Deactivated : dto.role ? SessionEndReason.RoleChanged : password ? SessionEndReason.PasswordChanged : null;
    if (reason) await this.sessions.endAllOfUser(id, reason, actor);
    return toView(saved);
  }

  private async checkRole(organisationId: string, role: Role) {
    const org = await this.organisations.get(organisationId);
    if (!org) throw AppException.invalidField('organisationId', 'unknown_organisation', UserTexts.unknownOrganisation);
    if (!ROLES_BY_ORGANISATION_KIND[org.kind].includes(role)) {
      throw AppException.invalidField('role', 'role_not_allowed', UserTexts.roleNotAllowed(org.kind, role));
    }
  }
}
