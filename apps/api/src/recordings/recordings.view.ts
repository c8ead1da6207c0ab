import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'RecordedSpan', description: 'A stretch of continuous recording (segments that follow each other, joined)' })
export class RecordedSpanView {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes on disk' }) bytes!: number;
}

@ApiSchema({ name: 'RecordedSpans' })
export class RecordedSpansView {
  @ApiProperty({ type: [RecordedSpanView], description: 'Oldest first' }) items!: RecordedSpanView[];
}

/** The OpenAPI answer of a route that sends an MP4 (whole or a range). */
export const mp4Response = (description: string) => ({
  description,
  headers: {
    'Accept-Ranges': { description: 'bytes', schema: { type: 'string' } },
    'Content-Range': { description: 'With 206: the bytes sent, `bytes start-end/size`', schema: { type: 'string' } },
  },
  content: { 'video/mp4': { schema: { type: 'string', format: 'binary' } } },
});
