import { Module } from '@nestjs/common';
import { ENV, type ResolvedEnv } from '../../config/env';
import { PersonalDataCipher, personalDataCipher } from './personal-data.cipher';

/**
 * The one PersonalDataCipher of the app (key from configuration, never from the database). Features
 * that keep personal data at rest import this module, so they all share the same instance.
 */
@Module({
  providers: [{ provide: PersonalDataCipher, inject: [ENV], useFactory: (env: ResolvedEnv) => personalDataCipher(env) }],
  exports: [PersonalDataCipher],
})
export class CryptoModule {}
