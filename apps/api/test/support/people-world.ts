import { randomUUID } from 'node:crypto';
import { UnknownGrouper, type AlertRepository, type SnapshotStore } from '@argus/domain';
import { SharpImageDecoder } from '@argus/adapters';
import { ALERT_REPOSITORY } from '../../src/persistence/tokens';
import { SNAPSHOT_STORE } from '../../src/snapshots/snapshot-store.token';
import { bearer, cameraBody, type TestApp } from '../../src/testing/test-app';
import { colourPhoto, type ColourPatchAnalyser, type PatchSpec, type Rgb } from './colour-faces';

/** A camera for alerts to belong to, owned by the admin (or the user whose token is given). */
export async function aCamera(t: TestApp, name = 'Hall', token = t.adminToken): Promise<string> {
  const res = await t.http().post('/api/cameras').set(bearer(token)).send(cameraBody({ name, detectionEnabled: false }));
  if (res.status !== 201) throw new Error(`camera → ${res.status}`);
  return res.body.id as string;
}

/** An alert as the pipeline stores it: with a snapshot JPEG showing `face` on a 320×240 frame. */
export async function anAlertWithSnapshot(t: TestApp, cameraId: string, face: PatchSpec): Promise<string> {
  const snapshots = t.app.get<symbol, SnapshotStore>(SNAPSHOT_STORE);
  const snapshotKey = await snapshots.save(cameraId, await colourPhoto(320, 240, [face], 'jpeg'));
  const alertId = randomUUID();
  const now = new Date();
  await t.app.get<symbol, AlertRepository>(ALERT_REPOSITORY).add({
    alertId,
    cameraId,
    timestamp: now,
    bbox: { x: face.x, y: face.y, width: face.size, height: face.size },
    snapshotUrl: null,
    snapshotKey,
    meta: { score: 0.99, frameWidth: 320, frameHeight: 240, faces: 1 },
    createdAt: now,
  });
  return alertId;
}


/** A stranger seen by a camera, grouped as the pipeline would: returns the group id. */
export async function anUnknownSighting(t: TestApp, analyser: ColourPatchAnalyser, cameraId: string, colour: Rgb): Promise<string> {
  const frame = await new SharpImageDecoder().decode(await colourPhoto(320, 240, [{ x: 100, y: 60, size: 100, colour }]));
  const [face] = await analyser.analyse(frame);
  if (!face?.embedding) throw new Error('the test analyser found no face');
  const grouped = await t.app.get(UnknownGrouper).record({
    cameraId,
    alertId: null,
    frame,
    box: face.box,
    embedding: face.embedding,
    quality: face.quality.score,
    seenAt: new Date(),
  });
  return grouped.groupId;
}
