export * from './mediamtx-hub';
export * from './publish-sdp';
export * from './rtsp-publisher';
export { BoxBurner, type BoxBurnerOptions, type BoxBurnerStats, type LiveBoxBurner } from './box-burner';
export { BoxOverlay, overlaySize } from './box-overlay';
