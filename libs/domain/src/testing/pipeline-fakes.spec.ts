import { settle } from './manual-timers';
import { FakeDetector, FakeFeedConnector, testFrame } from './pipeline-fakes';

describe('pipeline fakes', () => {
  it('a stopped feed reports ended(null) once', async () => {
    const ended = jest.fn();
    const feed = new FakeFeedConnector().connect({ cameraId: 'c', url: 'rtsp://h/x', transport: 'tcp' }, { info: jest.fn(), unit: jest.fn(), ended });
    await feed.stop();
    await feed.stop();
    await settle();
    expect(ended.mock.calls).toEqual([[null]]);
  });

  it('a detector answers in the order asked, or with canned faces', async () => {
    const detector = new FakeDetector();
    const first = detector.detect(testFrame({ grey: 1 }));
    const second = detector.detect(testFrame({ grey: 2 }));
    detector.rejectNext(new Error('boom'));
    detector.resolveNext([{ x: 1, y: 2, width: 3, height: 4, score: 0.9 }]);
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toMatchObject({ faces: [{ x: 1 }] });
    detector.respondWith([]);
    await expect(detector.detect(testFrame())).resolves.toMatchObject({ faces: [] });
    expect(() => detector.resolveNext()).toThrow('no detection pending');
  });
});
