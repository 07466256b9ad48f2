export * from './vacancy';
export * from './matching';
export * from './trial-stay';
export * from './alerts';
export * from './oncall';
