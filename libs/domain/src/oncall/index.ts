export * from './rota';
export * from './japanese-holidays';
