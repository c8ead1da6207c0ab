export * from './sharp-image-decoder';
export * from './fs-face-image-store';
export * from './face-image-links';
