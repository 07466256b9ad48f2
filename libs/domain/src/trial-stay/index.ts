export * from './fiscal-year';
export * from './holidays';
export * from './policy';
export * from './ranges';
export * from './wareki';
