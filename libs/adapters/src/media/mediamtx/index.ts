export * from './mediamtx-hub';
export * from './publish-sdp';
export * from './rtsp-message';
export * from './rtsp-publisher';
