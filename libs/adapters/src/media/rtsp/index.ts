/** RTSP 1.0 on TCP: the message layer both sides use, and the Transport header a server reads. */
export * from './rtsp-message';
export * from './transport-header';
