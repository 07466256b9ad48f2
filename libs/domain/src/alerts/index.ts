export * from './alert-text';
