import { RecordAlert, type Alert, type Camera } from '@argus/domain';
import type { Counter } from 'prom-client';

/**
 * RecordAlert that counts every alert it stores and publishes, by camera: the pipeline's and those
 * posted to `POST /api/alerts` (`fromExternal` goes through `record`). Unlike the per-session
 * camera counters it keeps counting across camera restarts and while a camera is stopped.
 */
export class CountedRecordAlert extends RecordAlert {
  constructor(
    deps: ConstructorParameters<typeof RecordAlert>,
    private readonly created: Counter<'camera'>,
  ) {
    super(...deps);
  }

  override async record(camera: Camera, fields: Parameters<RecordAlert['record']>[1]): Promise<Alert> {
    const alert = await super.record(camera, fields);
    this.created.inc({ camera: camera.id });
    return alert;
  }
}
