export * from './normalise-name';
export * from './age-band';
export * from './granted-days';
