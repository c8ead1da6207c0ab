import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TIMESTAMP_LENGTH } from '@argus/domain';

/** `?from=&to=` of the recorded spans; the domain parses the dates. */
export class SpanQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601 or epoch ms: spans that end after it' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TIMESTAMP_LENGTH)
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 or epoch ms: spans that start before it' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TIMESTAMP_LENGTH)
  to?: string;
}

/** `?from=&to=` of a video (at most an hour apart), and the token a `<video src>` carries. */
export class VideoQueryDto {
  @ApiProperty({ description: 'ISO 8601 or epoch ms; the video starts at the keyframe at or before it' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TIMESTAMP_LENGTH)
  from?: string;

  @ApiProperty({ description: 'ISO 8601 or epoch ms; at most an hour after `from`' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TIMESTAMP_LENGTH)
  to?: string;

  @ApiPropertyOptional({ description: 'The caller’s bearer token, for a `<video src>` that cannot send an Authorization header' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  token?: string;
}
