export * from './rota';
