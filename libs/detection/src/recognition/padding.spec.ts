import { padFrame } from './padding';

describe('padFrame', () => {
  it('puts the frame (RGBA read as RGB) inside a grey border of the given fraction of its larger side', () => {
    const data = new Uint8Array(4 * 2 * 4);
    for (let i = 0; i < 8; i++) data.set([i, 100 + i, 200 + i, 255], i * 4);
    const { frame, offset } = padFrame({ width: 4, height: 2, channels: 4, data }, 0.5);
    expect(offset).toBe(2);
    expect([frame.width, frame.height, frame.channels]).toEqual([8, 6, 3]);
    const at = (x: number, y: number) => Array.from(frame.data.subarray((y * 8 + x) * 3, (y * 8 + x) * 3 + 3));
    expect(at(0, 0)).toEqual([128, 128, 128]);
    expect(at(2, 2)).toEqual([0, 100, 200]); // the frame's first pixel
    expect(at(5, 3)).toEqual([7, 107, 207]); // its last
    expect(at(6, 3)).toEqual([128, 128, 128]);
  });
});
