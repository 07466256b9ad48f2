import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ENV, type ResolvedEnv } from '../config/env';
import { AccessTokenGuard } from '../common/auth/access-token.guard';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { AccountController, PasswordResetController } from './account.controller';
import { AccountService } from './account.service';
import { CredentialsRepository } from './credentials.repository';
import { MfaService } from './mfa.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [AuditModule, CryptoModule, JwtModule.registerAsync({ inject: [ENV], useFactory: (env: ResolvedEnv) => ({ secret: env.JWT_SECRET }) })],
  controllers: [AuthController, AccountController, PasswordResetController],
  providers: [AuthService, TokenService, CredentialsRepository, MfaService, AccountService, { provide: APP_GUARD, useClass: AccessTokenGuard }],
  exports: [TokenService],
})
export class AuthModule {}
