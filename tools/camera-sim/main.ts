import { ensureClips, type SimulatorClips } from './clip-generation';
import { parseCameraSimArgs, USAGE, type CameraSimArgs } from './cli-args';
import { startCameraSimulator, type CameraPathOptions } from './simulator';

function pathOptions(args: CameraSimArgs, clips: SimulatorClips): Record<string, CameraPathOptions> {
  const paths: Record<string, CameraPathOptions> = {};
  for (const { name, source } of args.paths) {
    paths[name] = { clip: source === 'faces' || source === 'empty' ? clips[source] : source };
  }
  return paths;
}

async function main(argv: string[]): Promise<number> {
  let args: CameraSimArgs;
  try {
    args = parseCameraSimArgs(argv);
  } catch (error) {
    process.stderr.write(`camera-sim: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  process.stderr.write(`camera-sim: preparing clips in ${args.clipsDir}\n`);
  const clips = await ensureClips(args.clipsDir);
  const simulator = await startCameraSimulator({ port: args.port, host: args.host, paths: pathOptions(args, clips), auth: args.auth });
  for (const { name } of args.paths) process.stdout.write(`${simulator.url(name, args.auth)}\n`);
  process.stderr.write('camera-sim: serving (Ctrl+C to stop)\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await simulator.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`camera-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
