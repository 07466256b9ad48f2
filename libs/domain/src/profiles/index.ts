export * from './office-number';
