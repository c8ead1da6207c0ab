// Jest runs tests in a separate V8 context, whose Float32Array differs from the one native addons
// (onnxruntime-node) create their outputs with, so onnxruntime's `instanceof Float32Array` checks
// fail under Jest only. Sharing the real typed-array constructors with the test context fixes that.
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class NativeTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = NativeTypedArraysEnvironment;
