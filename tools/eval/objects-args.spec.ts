import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseObjectEvalArgs } from './objects-args';
import { loadObjectDataset } from './objects-dataset';

describe('parseObjectEvalArgs', () => {
  it('takes the folder, engines, input sizes and thresholds (sorted, deduplicated)', () => {
    expect(parseObjectEvalArgs(['--engine', 'tfjs,onnx', '--input-size', '640,448,640', '--min-score', '0.4,0.3', 'set'])).toEqual({
      dir: 'set',
      engines: ['tfjs', 'onnx'],
      inputSizes: [448, 640],
      thresholds: [0.3, 0.4],
      jsonOut: undefined,
    });
    expect(parseObjectEvalArgs(['set'])).toMatchObject({ engines: ['onnx'], inputSizes: [512] });
  });

  it.each([
    [['--input-size', '500', 'set'], /--input-size 500: expected multiples of 32/],
    [['--min-score', '1.5', 'set'], /--min-score 1.5: expected numbers in \[0, 1\]/],
    [['--engine', 'gpu', 'set'], /--engine gpu: expected onnx or tfjs/],
    [[], /exactly one DIR/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseObjectEvalArgs(argv as string[])).toThrow(message);
  });
});

describe('loadObjectDataset', () => {
  const folder = (annotations: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-objects-'));
    writeFileSync(join(dir, 'annotations.json'), JSON.stringify(annotations));
    return dir;
  };

  it('reads images and boxes as [x, y, w, h] pixels', () => {
    const dir = folder({ classes: ['person', 'car'], images: [{ file: 'images/a.jpg', width: 640, height: 480, objects: [{ class: 'car', box: [1, 2, 30, 40] }] }] });
    expect(loadObjectDataset(dir).images).toEqual([{ file: 'images/a.jpg', width: 640, height: 480, objects: [{ label: 'car', x: 1, y: 2, width: 30, height: 40 }] }]);
  });

  it('names what is wrong in the file', () => {
    expect(() => loadObjectDataset(folder({ classes: ['person'], images: [{ file: 'a.jpg', width: 1, height: 1, objects: [{ class: 'cat', box: [0, 0, 1, 1] }] }] }))).toThrow(
      'annotations.json: images[0].objects[0]: unknown class cat',
    );
    expect(() => loadObjectDataset(folder({ classes: ['person'], images: [{ file: 'a.jpg', width: 1, height: 1, objects: [{ class: 'person', box: [0, 0] }] }] }))).toThrow(
      /box must be \[x, y, w, h\]/,
    );
    expect(() => loadObjectDataset(folder({ images: [] }))).toThrow(/classes: expected a list of names/);
    expect(() => loadObjectDataset(join(tmpdir(), 'argus-no-such-set'))).toThrow(/annotations\.json not found/);
  });
});
