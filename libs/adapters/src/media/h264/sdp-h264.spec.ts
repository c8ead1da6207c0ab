import { MAIN_360P_PPS, MAIN_360P_SPS, BASELINE_1080P_SPS } from '@argus/tools/testing/media/h264-samples';
import { h264Fmtp, h264SdpParameters } from './sdp-h264';

describe('H.264 SDP parameters', () => {
  it('takes profile-level-id from the SPS and base64-encodes SPS and PPS', () => {
    expect(h264SdpParameters(MAIN_360P_SPS, MAIN_360P_PPS)).toEqual({
      profileLevelId: '4D4016',
      spropParameterSets: 'Z01AFuygUBf8uAiAAAADAIAAAA8HixbL,aOvjyyA=',
    });
    expect(h264SdpParameters(BASELINE_1080P_SPS, MAIN_360P_PPS).profileLevelId).toBe('42C028');
  });

  it('formats the fmtp value for packetization-mode 1', () => {
    expect(h264Fmtp(MAIN_360P_SPS, MAIN_360P_PPS)).toBe(
      'packetization-mode=1;profile-level-id=4D4016;sprop-parameter-sets=Z01AFuygUBf8uAiAAAADAIAAAA8HixbL,aOvjyyA=',
    );
  });

  it('writes sprop-parameter-sets that decode back to the NAL units', () => {
    const { spropParameterSets } = h264SdpParameters(MAIN_360P_SPS, MAIN_360P_PPS);
    expect(spropParameterSets.split(',').map((part) => Array.from(Buffer.from(part, 'base64')))).toEqual([Array.from(MAIN_360P_SPS), Array.from(MAIN_360P_PPS)]);
  });

  it('refuses NAL units of the wrong type', () => {
    expect(() => h264SdpParameters(MAIN_360P_PPS, MAIN_360P_PPS)).toThrow('sequence parameter set');
    expect(() => h264SdpParameters(MAIN_360P_SPS, MAIN_360P_SPS)).toThrow('picture parameter set');
  });
});
