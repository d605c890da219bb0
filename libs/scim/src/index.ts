export * from './schema-urns';
export * from './scim-resources';
export * from './scim-error';
