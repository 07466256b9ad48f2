export * from './report-rules';
