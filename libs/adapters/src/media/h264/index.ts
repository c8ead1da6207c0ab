export * from './annexb';
export * from './nal-unit';
export * from './rtp-h264';
export * from './sdp-h264';
export * from './sps';
