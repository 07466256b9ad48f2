import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, SessionRestriction } from '@akiwa/contracts';
import { AllowRestricted, Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { ChangePasswordDto, MfaCodeDto } from './account.dto';
import { AccountService } from './account.service';

/** The caller's own second factor and password. */
@ApiTags('auth')
@Auth()
@Controller('auth')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('mfa')
  @AllowRestricted(SessionRestriction.MfaEnrolment)
  status(@CurrentUser() user: AuthUser) {
    return this.account.mfaStatus(user);
  }

  @Post('mfa/enrol')
  @HttpCode(200)
  @AllowRestricted(SessionRestriction.MfaEnrolment)
  enrol(@CurrentUser() user: AuthUser) {
    return this.account.startEnrolment(user);
  }

  @Post('mfa/verify')
  @HttpCode(200)
  @AllowRestricted(SessionRestriction.MfaEnrolment)
  verify(@CurrentUser() user: AuthUser, @Body() dto: MfaCodeDto) {
    return this.account.completeEnrolment(user, dto.code);
  }

  @Post('mfa/disable')
  @HttpCode(204)
  async disable(@CurrentUser() user: AuthUser, @Body() dto: MfaCodeDto) {
    await this.account.disable(user, dto.code);
  }

  @Post('password')
  @HttpCode(204)
  @AllowRestricted(SessionRestriction.PasswordChange)
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    await this.account.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}

/** An admin's one-time password reset for a user (shown once; the user must choose a new one at login), and MFA reset. */
@ApiTags('admin')
@Auth(Role.Admin)
@Controller('admin/users')
export class PasswordResetController {
  constructor(private readonly account: AccountService) {}

  @Post(':id/password-reset')
  @HttpCode(200)
  reset(@CurrentUser() admin: AuthUser, @Param('id', ParseId()) id: string) {
    return this.account.resetPassword(admin, id);
  }

  /** A user who lost their authenticator (and recovery codes): their TOTP is removed, every session ends; they enrol again at the next login when MFA is required. */
  @Post(':id/mfa-reset')
  @HttpCode(204)
  async resetMfa(@CurrentUser() admin: AuthUser, @Param('id', ParseId()) id: string) {
    await this.account.resetMfa(admin, id);
  }
}
