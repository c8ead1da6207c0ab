/** FLV framing numbers (Adobe FLV spec 10.1) shared by the muxer that feeds ffmpeg and the reader of its output. */
export const FLV_FILE_HEADER_SIZE = 9;
export const FLV_PREVIOUS_TAG_SIZE = 4;
export const FLV_TAG_HEADER_SIZE = 11;
export const FLV_VIDEO_TAG = 9;
export const FLV_AVC_CODEC_ID = 7;
export const FLV_KEY_FRAME = 1;
export const FLV_INTER_FRAME = 2;
/** AVCPacketType: the decoder configuration record (SPS/PPS)… */
export const FLV_AVC_SEQUENCE_HEADER = 0;
/** …or NAL units of one picture. */
export const FLV_AVC_NALU = 1;
