import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ENV, type ResolvedEnv } from '../config/env';
import { AccessTokenGuard } from '../common/auth/access-token.guard';
import { AuditModule } from '../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [AuditModule, JwtModule.registerAsync({ inject: [ENV], useFactory: (env: ResolvedEnv) => ({ secret: env.JWT_SECRET }) })],
  controllers: [AuthController],
  providers: [AuthService, TokenService, { provide: APP_GUARD, useClass: AccessTokenGuard }],
  exports: [TokenService],
})
export class AuthModule {}
