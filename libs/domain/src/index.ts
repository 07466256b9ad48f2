export * from './vacancy';
export * from './matching';
