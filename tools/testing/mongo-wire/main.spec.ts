import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { parseMongoTestDoubleArgs } from './main';

const ROOT = join(__dirname, '..', '..', '..');

describe('npm run mongo:test-double', () => {
  it('parses --port and refuses anything else', () => {
    expect(parseMongoTestDoubleArgs([])).toEqual({ port: 27017, help: false });
    expect(parseMongoTestDoubleArgs(['--port', '0'])).toEqual({ port: 0, help: false });
    expect(parseMongoTestDoubleArgs(['--port=27018'])).toEqual({ port: 27018, help: false });
    expect(parseMongoTestDoubleArgs(['--help']).help).toBe(true);
    expect(() => parseMongoTestDoubleArgs(['--port', 'x'])).toThrow('--port: expected a port number 0-65535, got "x"');
    expect(() => parseMongoTestDoubleArgs(['--port', '70000'])).toThrow('--port');
    expect(() => parseMongoTestDoubleArgs(['--port'])).toThrow('--port');
    expect(() => parseMongoTestDoubleArgs(['--verbose'])).toThrow('unknown argument "--verbose"');
  });

  it('prints a MONGODB_URI that mongoose can use, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/testing/mongo-wire/main.ts', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const uri = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/argus$/);
    const connection = await mongoose.createConnection(uri).asPromise();
    try {
      await connection.collection('things').insertOne({ _id: 'a' as never, n: 1 });
      expect(await connection.collection('things').findOne({ _id: 'a' as never })).toEqual({ _id: 'a', n: 1 });
    } finally {
      await connection.close();
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
