import { FakeClock } from '../testing';
import { DEFAULT_IDENTITY_COOLDOWN_S, IdentityCooldown, type TrackIdentity } from './identity-cooldown';

const trusted: TrackIdentity = { kind: 'person', personId: 'p-trusted', alert: false };
const watched: TrackIdentity = { kind: 'person', personId: 'p-watched', alert: true };
const stranger: TrackIdentity = { kind: 'unknown', groupId: 'g1' };
const other: TrackIdentity = { kind: 'unknown', groupId: 'g2' };

function setup() {
  const clock = new FakeClock();
  return { clock, cooldown: new IdentityCooldown(clock) };
}

describe('IdentityCooldown', () => {
  it('defaults to 300 s', () => {
    expect(DEFAULT_IDENTITY_COOLDOWN_S).toBe(300);
  });

  it('never alerts for a trusted person', () => {
    const { cooldown } = setup();
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: trusted, cameraQuiet: false })).toBe(false);
  });

  it('alerts once per identity cooldown across every camera', () => {
    const { clock, cooldown } = setup();
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: stranger, cameraQuiet: false })).toBe(true);
    expect(cooldown.shouldAlert({ cameraId: 'c2', identity: stranger, cameraQuiet: false })).toBe(false);
    clock.advance(299_999);
    expect(cooldown.shouldAlert({ cameraId: 'c2', identity: stranger, cameraQuiet: false })).toBe(false);
    clock.advance(1);
    expect(cooldown.shouldAlert({ cameraId: 'c2', identity: stranger, cameraQuiet: false })).toBe(true);
  });

  it('lets a new identity alert inside the camera cooldown', () => {
    const { cooldown } = setup();
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: stranger, cameraQuiet: false })).toBe(true);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: other, cameraQuiet: true })).toBe(true);
  });

  it('holds the same unknown back on a quiet camera that last alerted for it', () => {
    const clock = new FakeClock();
    const cooldown = new IdentityCooldown(clock, 1000);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: stranger, cameraQuiet: false })).toBe(true);
    clock.advance(2000);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: stranger, cameraQuiet: true })).toBe(false);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: stranger, cameraQuiet: false })).toBe(true);
  });

  it('alerts for a watched person inside the camera cooldown, but once per identity cooldown', () => {
    const clock = new FakeClock();
    const cooldown = new IdentityCooldown(clock, 1000);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: watched, cameraQuiet: true })).toBe(true);
    expect(cooldown.shouldAlert({ cameraId: 'c2', identity: watched, cameraQuiet: false })).toBe(false);
    clock.advance(1000);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: watched, cameraQuiet: true })).toBe(true);
  });

  it('lets a forgotten identity alert again at once', () => {
    const { cooldown } = setup();
    cooldown.shouldAlert({ cameraId: 'c1', identity: stranger, cameraQuiet: false });
    cooldown.forget(stranger);
    expect(cooldown.shouldAlert({ cameraId: 'c2', identity: stranger, cameraQuiet: false })).toBe(true);
  });

  it('sweeps identities whose cooldown is over', () => {
    const { clock, cooldown } = setup();
    for (let i = 0; i < 300; i++) cooldown.shouldAlert({ cameraId: 'c1', identity: { kind: 'unknown', groupId: `g${i}` }, cameraQuiet: false });
    clock.advance(300_000);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: { kind: 'unknown', groupId: 'new' }, cameraQuiet: false })).toBe(true);
    expect((cooldown as unknown as { lastAlert: Map<string, number> }).lastAlert.size).toBe(1);
  });
});
