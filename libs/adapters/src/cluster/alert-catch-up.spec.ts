import type { Alert, AlertListQuery, Camera } from '@argus/domain';
import { AlertCatchUp } from './alert-catch-up';
import type { RelayedAlert } from './alert-relay';

const alert = (alertId: string, cameraId = 'c1'): Alert => ({
  alertId,
  cameraId,
  timestamp: new Date(),
  bbox: { x: 0, y: 0, width: 1, height: 1 },
  snapshotUrl: null,
  snapshotKey: null,
  meta: { score: 1, frameWidth: 1, frameHeight: 1, faces: 1 },
  createdAt: new Date(),
});

function setUp() {
  const stored: Alert[] = [];
  const delivered = new Set<string>();
  const passed: RelayedAlert[] = [];
  const camera = { id: 'c1', ownerId: 'u-o', viewerIds: ['u-v'] } as Camera;
  const catchUp = new AlertCatchUp({
    alerts: { list: async (q: AlertListQuery) => ({ items: [...stored].reverse().slice(0, q.limit), total: stored.length }) },
    cameras: { findById: async (id) => (id === 'c1' ? camera : null) },
    relay: {
      delivered: (id) => delivered.has(id),
      markDelivered: (id) => void delivered.add(id),
      deliverHere: (r) => {
        if (delivered.has(r.alert.alertId)) return;
        delivered.add(r.alert.alertId);
        passed.push(r);
      },
    },
    log: { warn: () => undefined },
  });
  return { stored, delivered, passed, catchUp };
}

describe('AlertCatchUp', () => {
  it('notes the alerts from before it started, then passes on each stored alert not passed on yet, once', async () => {
    const t = setUp();
    t.stored.push(alert('old'));
    expect(await t.catchUp.look()).toBe(0);
    t.stored.push(alert('relayed'), alert('lost'), alert('gone', 'c-deleted'));
    t.delivered.add('relayed');
    expect(await t.catchUp.look()).toBe(1);
    expect(t.passed.map((r) => [r.event, r.alert.alertId, r.audience])).toEqual([
      ['alert', 'lost', { cameraId: 'c1', userIds: ['u-o', 'u-v'], includeAdmins: true }],
    ]);
    expect(await t.catchUp.look()).toBe(0);
  });
});
