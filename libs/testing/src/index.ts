export * from './stack/service-process';
export * from './stack/local-stack';
export { consumerLag } from './stack/consumer-groups';
export * from './okta/okta-scim.client';
export * from './wait-for';
export * from './kafka/dedicated-broker';
export * from './database/migrated-database';
export * from './database/drop-database';
