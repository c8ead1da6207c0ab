/** The FaceAnalyser (a `FaceAnalyser`), or null when recognition is off or not available in this process. */
export const FACE_ANALYSER = Symbol('FaceAnalyser');
/** Face crops (a `FaceImageStore`): enrolled faces and unknown samples. */
export const FACE_IMAGE_STORE = Symbol('FaceImageStore');
/** Uploaded photos and stored snapshots to frames (an `ImageDecoder`). */
export const IMAGE_DECODER = Symbol('ImageDecoder');
/** Everything the people use cases draw on (a `PeopleDeps`). */
export const PEOPLE_DEPS = Symbol('PeopleDeps');
