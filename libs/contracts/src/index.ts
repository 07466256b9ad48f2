export * from './enums';
export * from './errors';
export * from './auth';
export * from './organisations';
export * from './geography';
export * from './events';
