import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { FaceView as FaceViewShape, Page, PersonView as PersonViewShape, UnknownGroupView as UnknownGroupViewShape } from '@argus/domain';
import { AlertPersonView, BoundingBoxView } from '../alerts/alert.view';
import { ApiPageLimit, ApiPageNumber, ApiPageTotal } from '../common/page.view';

/** A person as every answer carries it (`toPersonView`). */
@ApiSchema({ name: 'Person' })
export class PersonView implements PersonViewShape {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'Ada Lovelace', description: '1–100 characters, unique regardless of case' }) name!: string;
  @ApiProperty({ description: 'true: watched (seeing them always alerts); false: trusted (seeing them raises no alert)' })
  alert!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Enrolled faces' }) faceCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

@ApiSchema({ name: 'PersonPage', description: 'One page of people, by name' })
export class PersonPageView implements Page<PersonViewShape> {
  @ApiProperty({ type: [PersonView] }) items!: PersonView[];
  @ApiPageTotal('People') total!: number;
  @ApiPageNumber() page!: number;
  @ApiPageLimit() limit!: number;
}

/** One enrolled face (`toFaceView`); never its embedding. */
@ApiSchema({ name: 'Face' })
export class FaceView implements FaceViewShape {
  @ApiProperty() id!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: BoundingBoxView, description: 'Where the face was, in pixels of the image it came from' }) box!: BoundingBoxView;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Quality score when enrolled (size, sharpness, pose, detector score)' }) quality!: number;
  @ApiProperty({ description: 'The face crop (JPEG): a link signed for the caller, valid for an hour' }) imageUrl!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Faces seen by cameras that match nobody, grouped per stranger (`toUnknownGroupView`). */
@ApiSchema({ name: 'UnknownGroup' })
export class UnknownGroupView implements UnknownGroupViewShape {
  @ApiProperty({ description: 'The same id for the same stranger on every camera (alerts’ unknownId)' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Shown as “Unknown #n”' }) number!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) faceCount!: number;
  @ApiProperty({ format: 'date-time' }) firstSeen!: string;
  @ApiProperty({ format: 'date-time' }) lastSeen!: string;
  @ApiProperty({ type: [String], description: 'Cameras that saw this stranger' }) cameraIds!: string[];
  @ApiProperty({ type: [String], description: 'A few face crops (JPEG), each a link signed for the caller' }) sampleUrls!: string[];
}

@ApiSchema({ name: 'UnknownGroupPage', description: 'One page of unknown groups, most recently seen first' })
export class UnknownGroupPageView implements Page<UnknownGroupViewShape> {
  @ApiProperty({ type: [UnknownGroupView] }) items!: UnknownGroupView[];
  @ApiPageTotal('Groups') total!: number;
  @ApiPageNumber() page!: number;
  @ApiPageLimit() limit!: number;
}

@ApiSchema({ name: 'RecognizedFace' })
export class RecognizedFaceView {
  @ApiProperty({ type: BoundingBoxView, description: 'In pixels of the image as analysed (`width` × `height`)' }) box!: BoundingBoxView;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Detector confidence' }) score!: number;
  @ApiProperty({ type: AlertPersonView, nullable: true, description: 'The person it matches; null: nobody enrolled' })
  person!: AlertPersonView | null;
}

@ApiSchema({ name: 'Recognition', description: 'Every face of an image, each named when it matches a person' })
export class RecognitionView {
  @ApiProperty({ type: 'integer', description: 'Width of the image as analysed (upright; images over 4096 px are scaled down)' }) width!: number;
  @ApiProperty({ type: 'integer' }) height!: number;
  @ApiProperty({ type: [RecognizedFaceView] }) faces!: RecognizedFaceView[];
}
