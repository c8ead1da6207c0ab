// One in-memory world for the people use-case specs: cameras c1 (owned by u-owner, seen by u-viewer) and c2.
import type { Alert } from '../alerts/alert';
import { FaceMatcher } from '../people/face-matcher';
import { IdentityCooldown } from '../people/identity-cooldown';
import { UnknownGrouper } from '../people/unknown-grouper';
import type { PeopleDeps } from '../people/use-cases/people-deps';
import { aCamera } from './builders';
import { FakeClock, InMemoryAlerts, InMemoryCameras, RecordingPublisher, SequentialIds } from './fakes';
import { FixedImageDecoder, InMemoryFaces, InMemoryPeople, InMemoryUnknownGroups, MemoryFaceImages, ScriptedFaceAnalyser } from './people-fakes';
import { MemorySnapshotStore } from './pipeline-fakes';

export async function peopleWorld() {
  const cameras = new InMemoryCameras();
  await cameras.create(aCamera({ id: 'c1', ownerId: 'u-owner', viewerIds: ['u-viewer'] }));
  await cameras.create(aCamera({ id: 'c2', ownerId: 'u-other', viewerIds: [] }));
  const ids = new SequentialIds();
  const clock = new FakeClock();
  const crops = new MemoryFaceImages();
  const unknowns = new InMemoryUnknownGroups();
  const deps: PeopleDeps = {
    people: new InMemoryPeople(),
    faces: new InMemoryFaces(),
    unknowns,
    alerts: new InMemoryAlerts(),
    cameras,
    analyser: new ScriptedFaceAnalyser(),
    matcher: new FaceMatcher({ threshold: 0.6, margin: 0.1 }),
    grouper: new UnknownGrouper({ groups: unknowns, crops, ids, threshold: 0.7 }),
    crops,
    snapshots: new MemorySnapshotStore(),
    decoder: new FixedImageDecoder(),
    publisher: new RecordingPublisher(),
    cooldown: new IdentityCooldown(clock),
    clock,
    ids,
  };
  return {
    deps,
    people: deps.people as InMemoryPeople,
    faces: deps.faces as InMemoryFaces,
    unknowns,
    alerts: deps.alerts as InMemoryAlerts,
    analyser: deps.analyser as ScriptedFaceAnalyser,
    crops,
    snapshots: deps.snapshots as MemorySnapshotStore,
    clock,
    publisher: deps.publisher as RecordingPublisher,
    cooldown: deps.cooldown,
  };
}

export function anAlert(overrides: Partial<Alert> = {}): Alert {
  const timestamp = new Date('2026-01-01T00:01:00Z');
  return {
    alertId: 'a1',
    cameraId: 'c1',
    timestamp,
    bbox: { x: 100, y: 100, width: 100, height: 120 },
    snapshotUrl: null,
    snapshotKey: null,
    meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 },
    createdAt: timestamp,
    ...overrides,
  };
}
