import type { Alert } from '../../alerts/alert';
import { scaleBox } from '../../alerts/bounding-box';
import { AlertQueries } from '../../alerts/use-cases/alert-queries';
import type { Frame } from '../../detection/face-detector';
import { NotFoundError, UnprocessableError } from '../../shared/errors';
import type { Principal } from '../../users/user';
import { centralFace, pickFaceAt, usable, pickMainFace, type EnrollableFace } from '../enrolment';
import type { Face } from '../face';
import { alertFaceCropKey, faceCropKey } from '../face-image-store';
import { requirePeopleManager } from '../people-access';
import { parseId } from '../person-input';
import { requirePerson } from './manage-people';
import type { PeopleDeps } from './people-deps';

export type PersonFacesDeps = Pick<
  PeopleDeps,
  'people' | 'faces' | 'alerts' | 'cameras' | 'analyser' | 'matcher' | 'crops' | 'snapshots' | 'decoder' | 'clock' | 'ids'
>;

/** A person's enrolled faces: from a photo or from an alert, listed and deleted. */
export class PersonFaces {
  constructor(private readonly deps: PersonFacesDeps) {}

  /** Enrols the one clearly main face of the photo; UnprocessableError says why when there is none. */
  async enrolImage(principal: Principal, personId: unknown, frame: Frame): Promise<Face> {
    requirePeopleManager(principal);
    const person = await requirePerson(this.deps.people, personId);
    const main = pickMainFace(await this.deps.analyser.analyse(frame));
    return enrolFace(this.deps, person.id, frame, main, null);
  }

  /** Enrols the face of an alert the caller may see. */
  async enrolAlert(principal: Principal, personId: unknown, alertId: unknown): Promise<Face> {
    requirePeopleManager(principal);
    const person = await requirePerson(this.deps.people, personId);
    const alert = await visibleAlert(this.deps, principal, alertId);
    const { frame, face } = await alertFace(this.deps, alert);
    return enrolFace(this.deps, person.id, frame, face, alert.alertId);
  }

  async list(principal: Principal, personId: unknown): Promise<Face[]> {
    requirePeopleManager(principal);
    const person = await requirePerson(this.deps.people, personId);
    return this.deps.faces.listByPerson(person.id);
  }

  async delete(principal: Principal, personId: unknown, faceId: unknown): Promise<void> {
    requirePeopleManager(principal);
    const person = await requirePerson(this.deps.people, personId);
    const face = await this.deps.faces.findById(parseId('faceId', faceId));
    if (!face || face.personId !== person.id) throw new NotFoundError('Face not found');
    await this.deps.faces.delete(face.id);
    this.deps.matcher.removeFace(face.id);
    await this.deps.crops.delete([face.imageKey]);
  }
}

/** Stores the crop, then the face, then indexes its embedding. */
export async function enrolFace(
  deps: Pick<PeopleDeps, 'faces' | 'crops' | 'matcher' | 'clock' | 'ids'>,
  personId: string,
  frame: Frame,
  enrollable: EnrollableFace,
  sourceAlertId: string | null,
): Promise<Face> {
  const { face, embedding } = enrollable;
  const id = deps.ids.next();
  const imageKey = faceCropKey(personId, id);
  await deps.crops.saveCrop(imageKey, frame, face.box);
  const stored: Face = {
    id,
    personId,
    box: { ...face.box },
    quality: face.quality.score,
    imageKey,
    embeddings: [{ model: embedding.model, vector: [...embedding.vector] }],
    sourceAlertId,
    createdAt: deps.clock.now(),
  };
  try {
    await deps.faces.add(stored);
  } catch (err) {
    await deps.crops.delete([imageKey]).catch(() => undefined);
    throw err;
  }
  deps.matcher.add(embedding.model, { faceId: id, personId, vector: embedding.vector });
  return stored;
}

export async function visibleAlert(deps: Pick<PeopleDeps, 'alerts' | 'cameras'>, principal: Principal, alertId: unknown): Promise<Alert> {
  return new AlertQueries({ alerts: deps.alerts, cameras: deps.cameras }).get(principal, parseId('alertId', alertId));
}

/**
 * The alert's face, analysed again: from the clean face kept when recognition raised the alert,
 * else from the stored snapshot (which has the boxes drawn on it).
 */
export async function alertFace(
  deps: Pick<PeopleDeps, 'snapshots' | 'decoder' | 'analyser' | 'crops'>,
  alert: Alert,
): Promise<{ frame: Frame; face: EnrollableFace }> {
  const kept = await deps.crops.read(alertFaceCropKey(alert.cameraId, alert.alertId));
  if (kept) {
    const frame = await deps.decoder.decode(kept);
    const face = centralFace(await deps.analyser.analyse(frame), frame);
    if (face) return { frame, face: usable(face) };
  }
  const image = alert.snapshotKey ? await deps.snapshots.read(alert.snapshotKey) : null;
  if (!image) throw new UnprocessableError('That alert has no stored snapshot to take the face from');
  const frame = await deps.decoder.decode(image);
  // The alert's box is in the camera's pixels (meta.frameWidth wide); the snapshot may be smaller.
  const sx = frame.width / (alert.meta.frameWidth ?? frame.width);
  const sy = frame.height / (alert.meta.frameHeight ?? frame.height);
  const box = scaleBox(alert.bbox, sx, sy);
  const faces = await deps.analyser.analyse(frame, { regions: [box] });
  return { frame, face: pickFaceAt(faces, box) };
}
