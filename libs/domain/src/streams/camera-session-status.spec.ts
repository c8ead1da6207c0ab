import { cameraStatusOf, samePullStatus } from './camera-session-status';

describe('cameraStatusOf', () => {
  it.each([
    [{ status: 'running' }, null, { status: 'running' }],
    [{ status: 'starting' }, null, { status: 'starting' }],
    [{ status: 'error', error: 'refused' }, null, { status: 'error', error: 'refused' }],
    [{ status: 'running' }, { status: 'starting' }, { status: 'starting' }],
    [{ status: 'starting' }, { status: 'running' }, { status: 'starting' }],
    [{ status: 'running' }, { status: 'running' }, { status: 'running' }],
    [{ status: 'running' }, { status: 'error', error: 'refused' }, { status: 'error', error: 'detection stream: refused' }],
    [{ status: 'error', error: 'timeout' }, { status: 'running' }, { status: 'error', error: 'main stream: timeout' }],
    [{ status: 'error', error: 'a' }, { status: 'error', error: 'b' }, { status: 'error', error: 'main stream: a. detection stream: b' }],
    [{ status: 'stopped' }, { status: 'error', error: 'b' }, { status: 'stopped' }],
    [{ status: 'starting' }, { status: 'error' }, { status: 'error', error: 'detection stream: failed' }],
  ] as const)('main %j, detection %j → %j', (main, detection, expected) => {
    expect(cameraStatusOf(main, detection)).toEqual(expected);
  });

  it('compares statuses with their reasons', () => {
    expect(samePullStatus(null, { status: 'running' })).toBe(false);
    expect(samePullStatus({ status: 'running' }, { status: 'running', error: undefined })).toBe(true);
    expect(samePullStatus({ status: 'error', error: 'a' }, { status: 'error', error: 'b' })).toBe(false);
  });
});
