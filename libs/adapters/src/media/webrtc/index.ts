export * from './live-errors';
export * from './h264-offer';
export * from './ice-config';
export * from './gop-cache';
export * from './rtp-pacer';
export * from './rtp-unit';
export * from './whep-viewer';
export * from './whep-gateway';
