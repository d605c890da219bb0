export * from './database-bootstrap';
export * from './database.module';
export * from './database-readiness';
export * from './processed-message';
export * from './returned-rows';
export * from './prepared-statements';
export * from './table-maintenance';
