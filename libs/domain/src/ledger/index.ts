export * from './normalise-name';
export * from './age-band';
