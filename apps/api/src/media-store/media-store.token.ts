/** The media store (a `MediaStore`): snapshots, face crops and clips, on local disk or S3. */
export const MEDIA_STORE = Symbol('MediaStore');
