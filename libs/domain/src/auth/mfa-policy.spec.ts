import { Role } from '@akiwa/contracts';
import { mfaRequired } from './mfa-policy';

describe('mfaRequired', () => {
  it('requires two factors of every role that reads personal data when enforced', () => {
    for (const role of Object.values(Role)) expect(mfaRequired({ role, organisationRequiresMfa: false }, 'required')).toBe(true);
  });

  it('leaves it to the organisation when optional', () => {
    expect(mfaRequired({ role: Role.Admin, organisationRequiresMfa: false }, 'optional')).toBe(false);
    expect(mfaRequired({ role: Role.ProviderStaff, organisationRequiresMfa: true }, 'optional')).toBe(true);
  });
});
