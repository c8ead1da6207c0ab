import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { OBJECT_LABELS, type AlertIdentity, type AlertKind, type AlertMeta, type AlertView as AlertViewShape, type BoundingBox, type ObjectLabel, type Page } from '@argus/domain';
import { ApiPageLimit, ApiPageNumber, ApiPageTotal } from '../common/page.view';

@ApiSchema({ name: 'BoundingBox', description: 'Source-frame pixels' })
export class BoundingBoxView implements BoundingBox {
  @ApiProperty() x!: number;
  @ApiProperty() y!: number;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
}

/** The detection facts every alert carries; further keys are free-form (e.g. trackId). */
@ApiSchema({ name: 'AlertMeta', description: 'At least these keys; others (e.g. trackId) may follow' })
export class AlertMetaView implements AlertMeta {
  @ApiProperty({ type: 'number', nullable: true, description: 'Detection score, 0–1' }) score!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) frameWidth!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) frameHeight!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Faces in the frame' }) faces!: number;
  [key: string]: unknown;
}

/** The person an alert's face matched. */
@ApiSchema({ name: 'AlertPerson', description: 'A person a face matched' })
export class AlertPersonView implements AlertIdentity {
  @ApiProperty({ description: 'The person’s id' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ minimum: -1, maximum: 1, description: 'Cosine similarity to the person’s enrolled faces (1 when set by hand)' })
  similarity!: number;
}

/** An alert as answers and `alert` events carry it (`toAlertView`). */
@ApiSchema({ name: 'Alert' })
export class AlertView implements AlertViewShape {
  @ApiProperty() alertId!: string;
  @ApiProperty() cameraId!: string;
  @ApiProperty({ format: 'date-time', description: 'Capture time of the frame' }) timestamp!: string;
  @ApiProperty({ enum: ['face', 'object'], description: 'What raised the alert: a face, or an object of one of the camera’s labels' }) kind!: AlertKind;
  @ApiProperty({ required: false, enum: OBJECT_LABELS, description: 'Object alerts: what was seen' }) label?: ObjectLabel;
  @ApiProperty({ type: [String], description: 'Names of the camera’s zones the detection was in; empty when the camera has none' })
  zones!: string[];
  @ApiProperty({ type: BoundingBoxView }) bbox!: BoundingBoxView;
  @ApiProperty({
    required: false,
    description: 'Where the console loads the snapshot: a link signed for the caller (/api/snapshots/…), or the URL an outside worker gave',
  })
  snapshotUrl?: string;
  @ApiProperty({
    required: false,
    description: 'A link, signed for the caller, to the MP4 clip around the alert; appears once the clip is stored (announced by `alert_updated`)',
  })
  clipUrl?: string;
  @ApiProperty({ type: AlertMetaView }) meta!: AlertMetaView;
  @ApiProperty({
    type: () => AlertPersonView,
    nullable: true,
    required: false,
    description: 'Who the face is: a person, or null for a face that matches nobody; absent when recognition did not run',
  })
  person?: AlertPersonView | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    required: false,
    description: 'For an unknown face: its unknown group, the same id for the same stranger on every camera',
  })
  unknownId?: string | null;
}

@ApiSchema({ name: 'AlertPage', description: 'One page of alerts, newest first' })
export class AlertPageView implements Page<AlertViewShape> {
  @ApiProperty({ type: [AlertView] }) items!: AlertView[];
  @ApiPageTotal('Alerts') total!: number;
  @ApiPageNumber() page!: number;
  @ApiPageLimit() limit!: number;
}
