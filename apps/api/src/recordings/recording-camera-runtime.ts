import { CameraRuntime, type Camera, type CameraRuntimeDeps, type Recorder } from '@argus/domain';
import { FanOutVideoHub } from './fan-out-video-hub';

/**
 * The camera runtime with recording: the recorder is one more receiver of each running camera's
 * units (beside the live view: the same single pull, copied), and it is handed every camera's
 * settings when the camera starts (resumed ones too) and whenever they change.
 */
export class RecordingCameraRuntime extends CameraRuntime {
  private readonly recorder: Recorder;

  constructor(deps: CameraRuntimeDeps, recorder: Recorder) {
    super({ ...deps, live: deps.live ? new FanOutVideoHub([deps.live, recorder]) : recorder });
    this.recorder = recorder;
  }

  override async start(camera: Camera): Promise<void> {
    this.recorder.configure(camera);
    await super.start(camera);
  }

  override async reconfigure(camera: Camera): Promise<void> {
    this.recorder.configure(camera);
    await super.reconfigure(camera);
  }
}
