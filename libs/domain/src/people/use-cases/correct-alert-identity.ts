import type { Alert } from '../../alerts/alert';
import { cameraAudience } from '../../cameras/camera-access';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { Principal } from '../../users/user';
import { requirePeopleManager } from '../people-access';
import type { AlertIdentity } from '../person';
import { requirePerson } from './manage-people';
import type { PeopleDeps } from './people-deps';
import { alertFace, enrolFace, visibleAlert } from './person-faces';

export type CorrectAlertIdentityDeps = Pick<
  PeopleDeps,
  'people' | 'faces' | 'alerts' | 'cameras' | 'analyser' | 'matcher' | 'crops' | 'snapshots' | 'decoder' | 'clock' | 'ids' | 'publisher'
>;

/** `{ personId }`: the alert shows that person; `{ personId: null }`: it shows nobody (an unknown face). */
export interface IdentityCorrection {
  personId?: unknown;
}

/** A corrected identity was confirmed by a person: it is certain. */
export const CORRECTED_SIMILARITY = 1;

/**
 * Corrects who an alert shows. The alert's face joins the person named (so the next sighting
 * matches), and counts as "not this person" for the person it was matched to before.
 */
export class CorrectAlertIdentity {
  constructor(private readonly deps: CorrectAlertIdentityDeps) {}

  async execute(principal: Principal, alertId: unknown, input: IdentityCorrection): Promise<Alert> {
    requirePeopleManager(principal);
    if (input === null || typeof input !== 'object' || !('personId' in input)) {
      throw new ValidationError('personId is required (a person id, or null for an unknown face)');
    }
    const alert = await visibleAlert(this.deps, principal, alertId);
    const person = input.personId === null ? null : await requirePerson(this.deps.people, input.personId);
    const previous = alert.person?.id ?? null;
    if ((person?.id ?? null) === previous) return alert;
    const { frame, face } = await alertFace(this.deps, alert);
    if (previous) {
      await this.deps.faces.addNegative({
        personId: previous,
        model: face.embedding.model,
        vector: [...face.embedding.vector],
        alertId: alert.alertId,
        createdAt: this.deps.clock.now(),
      });
      this.deps.matcher.addNegative(face.embedding, previous);
    }
    let identity: AlertIdentity | null = null;
    if (person) {
      await enrolFace(this.deps, person.id, frame, face, alert.alertId);
      identity = { id: person.id, name: person.name, similarity: CORRECTED_SIMILARITY };
    }
    await this.deps.alerts.setIdentity(alert.alertId, identity, person ? null : (alert.unknownId ?? null));
    const updated = await this.deps.alerts.findById(alert.alertId);
    if (!updated) throw new NotFoundError('Alert not found');
    const camera = await this.deps.cameras.findById(updated.cameraId);
    if (camera) this.deps.publisher.alertUpdated(updated, cameraAudience(camera));
    return updated;
  }
}
