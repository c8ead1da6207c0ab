export * from './file-media-store';
export * from './s3-bucket';
export * from './media-spool';
export * from './s3-media-store';
export * from './legacy-layout';
