import { toAlertView, type Alert } from './alert';

const base: Alert = {
  alertId: 'a1',
  cameraId: 'c1',
  timestamp: new Date('2026-01-01T00:00:00Z'),
  bbox: { x: 1, y: 2, width: 3, height: 4 },
  snapshotUrl: null,
  snapshotKey: null,
  meta: { score: 0.9, frameWidth: 64, frameHeight: 48, faces: 1 },
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

describe('toAlertView', () => {
  it('carries the identity: a person, or an unknown face with its group', () => {
    const named = toAlertView({ ...base, person: { id: 'p1', name: 'Alice', similarity: 0.8 }, unknownId: null });
    expect(named).toMatchObject({ person: { id: 'p1', name: 'Alice', similarity: 0.8 }, unknownId: null });
    expect(toAlertView({ ...base, person: null, unknownId: 'g1' })).toMatchObject({ person: null, unknownId: 'g1' });
  });

  it('leaves the identity out when recognition did not run', () => {
    const view = toAlertView(base);
    expect('person' in view).toBe(false);
    expect('unknownId' in view).toBe(false);
  });
});

describe('toAlertView kind and zones', () => {
  it('reads an alert stored before kinds and zones as a face in no zone', () => {
    expect(toAlertView(base)).toMatchObject({ kind: 'face', zones: [] });
  });

  it('carries the kind and a copy of the zones', () => {
    const zones = ['Door'];
    const view = toAlertView({ ...base, kind: 'face', zones });
    expect(view).toMatchObject({ kind: 'face', zones: ['Door'] });
    view.zones.push('x');
    expect(zones).toEqual(['Door']);
  });
});
