import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FactoryProvider, Provider } from '@nestjs/common';
import { MediamtxLiveHub } from '@argus/adapters/media/mediamtx';
import { loadConfig } from '@argus/config';
import { LIVE_BACKEND, type LiveBackend } from './live-backend';
import { LiveModule } from './live.module';

/** The live backend LiveModule would build for an environment (its factory, without the rest of the app). */
function backendFor(env: Record<string, string>): LiveBackend {
  const providers = (LiveModule.forConfig(loadConfig(env)).providers ?? []) as Provider[];
  const backend = providers.find((p): p is FactoryProvider => typeof p === 'object' && 'provide' in p && p.provide === LIVE_BACKEND && 'useFactory' in p);
  if (!backend) throw new Error('no live backend provider');
  return backend.useFactory() as LiveBackend;
}

describe('LiveModule: MediaMTX publish mode', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'argus-live-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const mediamtx = () => ({ DATA_DIR: dataDir, MEDIAMTX_URL: 'rtsp://mediamtx:8554', MEDIAMTX_WEBRTC_URL: 'http://localhost:8889' });

  it('publishes the cameras’ H.264 unchanged unless told otherwise', async () => {
    const backend = backendFor(mediamtx());
    expect(backend.mode).toBe('mediamtx');
    expect((backend.hub as MediamtxLiveHub).publish).toBe('passthrough');
    await backend.close();
  });

  it('draws the boxes in with MEDIAMTX_PUBLISH=boxes', async () => {
    const backend = backendFor({ ...mediamtx(), MEDIAMTX_PUBLISH: 'boxes' });
    expect(backend.hub).toBeInstanceOf(MediamtxLiveHub);
    expect((backend.hub as MediamtxLiveHub).publish).toBe('boxes');
    await backend.close();
  });

  it('uses the embedded gateway without MEDIAMTX_URL, whatever MEDIAMTX_PUBLISH says', () => {
    const providers = (LiveModule.forConfig(loadConfig({ DATA_DIR: dataDir, MEDIAMTX_PUBLISH: 'boxes' })).providers ?? []) as Provider[];
    expect(providers.some((p) => typeof p === 'object' && 'provide' in p && p.provide === LIVE_BACKEND && 'inject' in p)).toBe(true);
  });
});
