import { jsonBodyGuards, nestsDeeperThan } from './json-body-guards';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('nestsDeeperThan', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":[{}]}', 3, false],
    ['{"a":[{}]}', 2, true],
    ['["[[[[", "]]"]', 1, false],
    ['["\\"[[[[\\\\", {"b": "\\"{{"}]', 2, false],
    ['["\\\\", [[[]]]]', 3, true],
  ])('%s deeper than %d: %s', (text, max, expected) => {
    expect(nestsDeeperThan(bytes(text), max)).toBe(expected);
  });
});

describe('jsonBodyGuards', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s at any depth', (key) => {
    expect(() => JSON.parse(`{"a":{"${key}":{"x":1}}}`, jsonBodyGuards.reviver)).toThrow(SyntaxError);
    // Escaping a letter does not hide the key: the reviver sees it decoded.
    const escaped = `\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}`;
    expect(() => JSON.parse(`[{"${escaped}":1}]`, jsonBodyGuards.reviver)).toThrow(SyntaxError);
  });

  it('keeps other keys and values, including those words as values', () => {
    expect(JSON.parse('{"a":"__proto__","b":["constructor"]}', jsonBodyGuards.reviver)).toEqual({ a: '__proto__', b: ['constructor'] });
  });
});
