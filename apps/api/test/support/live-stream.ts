import { toAnnexB } from '@argus/adapters/media/h264';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import type { LiveVideoHub } from '@argus/domain';

/** Feeds the gateway directly, as the camera runtime does for a running camera. */
export function stream(hub: LiveVideoHub, cameraId: string, units = 3): void {
  hub.cameraStarted(cameraId, { codec: 'h264', width: 640, height: 360, transcoded: false });
  for (let i = 0; i < units; i++) {
    const nals = i === 0 ? [MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 3000, 0x55)] : [sliceNal(1, 0, 500, 0x55)];
    hub.unit(cameraId, { data: toAnnexB(nals), pts90k: 9000 + i * 6000, keyframe: i === 0, receivedAt: Date.now() });
  }
}
