export * from './nights';
export * from './freshness';
export * from './availability';
export * from './calendar';
export * from './calendar-codec';
