export * from './envelope';
export * from './topics';
export * from './messages';
export * from './message-codec';
