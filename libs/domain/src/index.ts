export * from './vacancy';
export * from './matching';
export * from './trial-stay';
export * from './alerts';
export * from './oncall';
export * from './auth/mfa-policy';
export * from './auth/login-delay';
export * from './reports';
