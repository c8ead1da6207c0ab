import { eligibleWorkers, planPlacement, unplacedReason } from './placement';

const worker = (id: string, capacity = 1, cameras = 0, labels: string[] = []) => ({ id, capacity, cameras, labels });

describe('planPlacement', () => {
  it('fills the least-loaded worker first, in camera id order, the same on every node', () => {
    const plan = planPlacement([{ id: 'c3' }, { id: 'c1' }, { id: 'c2' }], [worker('w-b'), worker('w-a', 1, 1)]);
    expect(plan).toEqual([
      { cameraId: 'c1', nodeId: 'w-b' },
      { cameraId: 'c2', nodeId: 'w-a' },
      { cameraId: 'c3', nodeId: 'w-b' },
    ]);
    expect(planPlacement([{ id: 'c2' }, { id: 'c1' }, { id: 'c3' }], [worker('w-a', 1, 1), worker('w-b')])).toEqual(plan);
  });

  it('weighs workers by capacity (detection threads)', () => {
    const plan = planPlacement(
      Array.from({ length: 8 }, (_, i) => ({ id: `c${i}` })),
      [worker('w-1', 1), worker('w-4', 3)],
    );
    expect(plan.filter((p) => p.nodeId === 'w-4')).toHaveLength(6);
    expect(plan.filter((p) => p.nodeId === 'w-1')).toHaveLength(2);
  });

  it('places a labelled camera only on workers carrying the label, and says why when none is up', () => {
    const workers = [worker('w-a'), worker('w-n', 1, 5, ['site-north'])];
    expect(planPlacement([{ id: 'c1', workerLabel: 'site-north' }], workers)).toEqual([{ cameraId: 'c1', nodeId: 'w-n' }]);
    expect(planPlacement([{ id: 'c1', workerLabel: 'site-south' }], workers)).toEqual([
      { cameraId: 'c1', nodeId: null, reason: 'no worker with label "site-south" is up' },
    ]);
    expect(planPlacement([{ id: 'c1' }], [])).toEqual([{ cameraId: 'c1', nodeId: null, reason: 'no worker is up' }]);
    expect(eligibleWorkers({ id: 'c1', workerLabel: null }, workers)).toHaveLength(2);
    expect(unplacedReason('x')).toMatch(/"x"/);
  });
});
