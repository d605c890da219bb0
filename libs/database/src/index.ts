export * from './database-bootstrap';
export * from './database.module';
export * from './processed-message';
