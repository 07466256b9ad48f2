export * from './report-rules';
export * from './report-tables';
export * from './suppression';
