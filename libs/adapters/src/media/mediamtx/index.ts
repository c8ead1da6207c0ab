export * from './mediamtx-hub';
export * from './publish-sdp';
export * from './rtsp-publisher';
