export * from './media-snapshot-store';
export * from './jpeg-snapshot-renderer';
export * from './snapshot-links';
