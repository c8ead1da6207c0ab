export * from './sharp-image-decoder';
export * from './media-face-image-store';
export * from './face-image-links';
