/** RTSP 1.0 on TCP, client side (the MediaMTX publisher), with the byte-level layer servers share. */
export * from './rtsp-message';
