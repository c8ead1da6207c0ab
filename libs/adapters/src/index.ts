export * from './persistence';
export * from './security/scrypt-password-hasher';
export * from './security/secret-compare';
export * from './system/system-clock';
export * from './system/uuid-generator';
export * from './realtime/socketio-publisher';
export * from './snapshots';
