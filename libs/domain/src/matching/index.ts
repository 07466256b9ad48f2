export * from './matching.types';
export * from './area';
export * from './explain';
export * from './match';
export * from './admissions';
