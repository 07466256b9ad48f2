import { createSecretKey } from 'node:crypto';
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

/**
 * The HS256 secret as a KeyObject, made once: given a string, jsonwebtoken first tries to parse it as
 * a PEM public key on every sign and verify, fails, throws, and only then makes the secret key — that
 * thrown error was most of a token check's cost (≈ 0.3 ms, per request and per socket handshake).
 */
const jwtSecret = (env: ResolvedEnv) => createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));

@Global()
@Module({
  imports: [AuditModule, CryptoModule, JwtModule.registerAsync({ inject: [ENV], useFactory: (env: ResolvedEnv) => ({ secret: jwtSecret(env) }) })],
  controllers: [AuthController, AccountController, PasswordResetController],
  providers: [AuthService, TokenService, CredentialsRepository, MfaService, AccountService, { provide: APP_GUARD, useClass: AccessTokenGuard }],
  exports: [TokenService],
})
export class AuthModule {}
