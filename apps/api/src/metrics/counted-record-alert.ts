import { RecordAlert, type Alert, type Camera, type RecordAlertDeps } from '@argus/domain';
import type { Counter } from 'prom-client';

export interface CountedRecordAlertDeps extends RecordAlertDeps {
  /** `argus_alerts_created_total`, by camera. */
  alertsCreated: Counter<'camera'>;
}

/**
 * RecordAlert that counts every alert it stores and publishes, by camera: the pipeline's and those
 * posted to `POST /api/alerts` (`fromExternal` goes through `record`). Unlike the per-session
 * camera counters it keeps counting across camera restarts and while a camera is stopped.
 */
export class CountedRecordAlert extends RecordAlert {
  private readonly created: Counter<'camera'>;

  constructor(deps: CountedRecordAlertDeps) {
    super(deps);
    this.created = deps.alertsCreated;
  }

  override async record(camera: Camera, fields: Parameters<RecordAlert['record']>[1]): Promise<Alert> {
    const alert = await super.record(camera, fields);
    this.created.inc({ camera: camera.id });
    return alert;
  }
}
