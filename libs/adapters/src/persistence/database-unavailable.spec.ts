import { isDatabaseUnavailable } from './database-unavailable';

const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });
const coded = (code: string) => Object.assign(new Error('x'), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    named('MongoServerSelectionError'),
    named('MongoNetworkError'),
    named('MongoNetworkTimeoutError'),
    named('MongoNotConnectedError'),
    named('MongooseError', 'Operation `users.findOne()` buffering timed out after 10000ms'),
    coded('SQLITE_BUSY'),
    coded('SQLITE_READONLY'),
    coded('SQLITE_READONLY_DBMOVED'),
    coded('SQLITE_IOERR_WRITE'),
    coded('SQLITE_FULL'),
  ])('recognises %s', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    named('MongooseError', 'Cast to ObjectId failed'),
    named('MongoServerError'),
    coded('SQLITE_CONSTRAINT_UNIQUE'),
    coded('SQLITE_ERROR'),
    coded('SQLITE_BUSYNESS'),
    new TypeError('bug'),
    null,
    'SQLITE_BUSY',
  ])('leaves %p alone', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
