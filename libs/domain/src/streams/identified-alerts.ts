import type { Alert } from '../alerts/alert';
import type { AlertPolicy, ObservedTrack } from '../alerts/alert-policy';
import type { Camera } from '../cameras/camera';
import { cameraAudience } from '../cameras/camera-access';
import type { FaceBox } from '../detection/face-detector';
import { alertFaceCropKey } from '../people/face-image-store';
import type { TrackIdentity } from '../people/identity-cooldown';
import { identityKey } from '../people/identity-cooldown';
import { TrackCrops, voteIdentity } from '../people/identity-vote';
import type { AlertIdentity } from '../people/person';
import type { CameraRuntimeDeps } from './camera-runtime-deps';
import type { DecodedFrame } from './frame-decoder';
import {
  BETTER_CROP_FACTOR,
  TRACK_ANALYSES,
  analyseCrop,
  cropPromise,
  type IdentifiedCrop,
  type PipelineRecognition,
} from './pipeline-recognition';

/** Who an alert shows. */
export interface AlertIdentityFields {
  person: AlertIdentity | null;
  unknownId: string | null;
}

/** Records an alert for a track (snapshot included); null when it could not be recorded. */
export type RaiseAlert = (frame: DecodedFrame, track: ObservedTrack, faces: FaceBox[], identity: AlertIdentityFields) => Promise<Alert | null>;

export type IdentifiedAlertsDeps = Pick<CameraRuntimeDeps, 'publisher' | 'log'> & { recognition: PipelineRecognition };

interface TrackState {
  crops: TrackCrops<IdentifiedCrop>;
  analyses: number;
  /** An analysis (and what follows from it) is under way: the track's frames wait. */
  busy: boolean;
  /** cropPromise of the best crop analysed so far. */
  bestPromise: number;
  /** The identity the track was last decided on (identityKey), null before the first usable crop. */
  decidedKey: string | null;
  /** The unknown group the track's crops went to. */
  unknownId: string | null;
  alert: Alert | null;
}

interface ResolvedIdentity extends AlertIdentityFields {
  identity: TrackIdentity;
  key: string;
}

/**
 * The camera pipeline with recognition on. Each confirmed face track is analysed on its start and
 * on at most a few later crops that look better (never every frame); its identity is the vote of
 * its usable crops. The alert is raised as soon as the first usable crop is in, under the identity
 * rules (trusted people never alert, watched people also inside the camera's cooldown, one identity
 * once per identity cooldown across cameras); a later crop that changes the vote corrects the
 * alert's identity and announces it (`alert_updated`). Unknown crops join the cross-camera unknown
 * groups. A track with no usable crop alerts anonymously, under the camera's cooldown as without
 * recognition.
 */
export class IdentifiedAlerts {
  private readonly tracks = new Map<number, TrackState>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly camera: () => Camera,
    private readonly policy: AlertPolicy,
    private readonly deps: IdentifiedAlertsDeps,
    private readonly raise: RaiseAlert,
  ) {}

  handle(frame: DecodedFrame, faces: FaceBox[]): void {
    const observed = this.policy.observe(faces, frame.capturedAt);
    for (const [trackId, state] of this.tracks) if (!state.busy && !this.policy.hasTrack(trackId)) this.tracks.delete(trackId);
    for (const track of observed) this.consider(frame, track, faces);
  }

  /** Resolves once every analysis started so far is done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private consider(frame: DecodedFrame, track: ObservedTrack, faces: FaceBox[]): void {
    let state = this.tracks.get(track.trackId);
    if (!state) {
      state = { crops: new TrackCrops(), analyses: 0, busy: false, bestPromise: 0, decidedKey: null, unknownId: null, alert: null };
      this.tracks.set(track.trackId, state);
    }
    if (state.busy || state.analyses >= TRACK_ANALYSES) return;
    const promise = cropPromise(track.box, track.score);
    // Until a usable crop is in, every next frame is tried; then only clearly better ones.
    if (state.crops.crops.length > 0 && promise < state.bestPromise * BETTER_CROP_FACTOR) return;
    state.analyses++;
    state.busy = true;
    state.bestPromise = Math.max(state.bestPromise, promise);
    const work = this.analyse(frame, track, faces, state).finally(() => {
      state.busy = false;
      this.pending.delete(work);
    });
    this.pending.add(work);
  }

  private async analyse(frame: DecodedFrame, track: ObservedTrack, faces: FaceBox[], state: TrackState): Promise<void> {
    const cameraId = this.camera().id;
    try {
      const crop = await analyseCrop(this.deps.recognition, frame, track.box);
      if (!crop) {
        if (state.analyses >= TRACK_ANALYSES && state.crops.crops.length === 0) await this.alertAnonymous(frame, track, faces);
        return;
      }
      state.crops.offer(crop);
      const resolved = await this.resolve(state, crop, cameraId);
      if (resolved.key === state.decidedKey) return;
      state.decidedKey = resolved.key;
      if (state.alert) await this.correct(state, resolved);
      else await this.decide(frame, track, faces, state, resolved, crop);
    } catch (e) {
      this.deps.log.warn(`camera ${cameraId}: face track not identified: ${String(e)}`);
      if (state.analyses >= TRACK_ANALYSES && !state.alert && state.decidedKey === null) await this.alertAnonymous(frame, track, faces);
    }
  }

  /** The track's identity from the vote of its crops; an unknown face's crop joins its unknown group. */
  private async resolve(state: TrackState, crop: IdentifiedCrop, cameraId: string): Promise<ResolvedIdentity> {
    const { people, grouper } = this.deps.recognition;
    const vote = voteIdentity(state.crops.crops.map((c) => c.match));
    const person = vote ? await people.findById(vote.personId) : null;
    if (vote && person) {
      const identity: TrackIdentity = { kind: 'person', personId: person.id, alert: person.alert };
      return { identity, key: identityKey(identity), person: { id: person.id, name: person.name, similarity: round3(vote.similarity) }, unknownId: null };
    }
    const grouped = await grouper.record({
      cameraId,
      alertId: state.alert?.alertId ?? null,
      frame: crop.frame,
      box: crop.box,
      embedding: crop.embedding,
      quality: crop.quality,
      seenAt: new Date(crop.frame.capturedAt),
    });
    state.unknownId ??= grouped.groupId;
    const identity: TrackIdentity = { kind: 'unknown', groupId: state.unknownId };
    return { identity, key: identityKey(identity), person: null, unknownId: state.unknownId };
  }

  private async decide(
    frame: DecodedFrame,
    track: ObservedTrack,
    faces: FaceBox[],
    state: TrackState,
    resolved: ResolvedIdentity,
    crop: IdentifiedCrop,
  ): Promise<void> {
    const now = frame.capturedAt;
    const cameraQuiet = this.policy.quiet(now);
    if (!this.deps.recognition.cooldown.shouldAlert({ cameraId: this.camera().id, identity: resolved.identity, cameraQuiet })) {
      this.policy.settle(track.trackId, false, now);
      return;
    }
    this.policy.settle(track.trackId, true, now);
    state.alert = await this.raise(frame, track, faces, { person: resolved.person, unknownId: resolved.unknownId });
    if (state.alert) await this.keepFace(state.alert, crop);
  }

  /** The alert's face without the boxes the snapshot has: what enrolling from the alert reads. */
  private async keepFace(alert: Alert, crop: IdentifiedCrop): Promise<void> {
    try {
      await this.deps.recognition.crops.saveCrop(alertFaceCropKey(alert.cameraId, alert.alertId), crop.frame, crop.box);
    } catch (e) {
      this.deps.log.warn(`camera ${alert.cameraId}: face of alert ${alert.alertId} not kept: ${String(e)}`);
    }
  }

  /** A later crop changed the vote: the alert shows the new identity. */
  private async correct(state: TrackState, resolved: ResolvedIdentity): Promise<void> {
    const alert = state.alert as Alert;
    await this.deps.recognition.alerts.setIdentity(alert.alertId, resolved.person, resolved.unknownId);
    state.alert = { ...alert, person: resolved.person, unknownId: resolved.unknownId };
    this.deps.publisher.alertUpdated(state.alert, cameraAudience(this.camera()));
  }

  /** No crop of the track could be used: it alerts as a face, under the camera's cooldown. */
  private async alertAnonymous(frame: DecodedFrame, track: ObservedTrack, faces: FaceBox[]): Promise<void> {
    const now = frame.capturedAt;
    if (this.policy.quiet(now)) {
      this.policy.settle(track.trackId, false, now);
      return;
    }
    this.policy.settle(track.trackId, true, now);
    await this.raise(frame, track, faces, { person: null, unknownId: null });
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
