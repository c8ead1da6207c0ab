import type { Face, FaceView } from './face';
import type { Person, PersonView } from './person';
import type { UnknownFace, UnknownGroup, UnknownGroupView } from './unknown-group';

/** Turns a stored crop key into a link signed for the caller. */
export type MediaUrlFor = (key: string) => string;

export function toPersonView(person: Person, faceCount: number): PersonView {
  return {
    id: person.id,
    name: person.name,
    alert: person.alert,
    faceCount,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}

export function toFaceView(face: Face, urlFor: MediaUrlFor): FaceView {
  return {
    id: face.id,
    personId: face.personId,
    box: { ...face.box },
    quality: face.quality,
    imageUrl: urlFor(face.imageKey),
    createdAt: face.createdAt.toISOString(),
  };
}

export function toUnknownGroupView(group: UnknownGroup, samples: UnknownFace[], urlFor: MediaUrlFor): UnknownGroupView {
  return {
    id: group.id,
    number: group.number,
    faceCount: group.faceCount,
    firstSeen: group.firstSeen.toISOString(),
    lastSeen: group.lastSeen.toISOString(),
    cameraIds: [...group.cameraIds],
    sampleUrls: samples.map((f) => urlFor(f.imageKey)),
  };
}
