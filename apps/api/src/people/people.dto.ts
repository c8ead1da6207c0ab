import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { MAX_ID_LENGTH, MAX_PERSON_NAME_LENGTH, MAX_PERSON_QUERY_LENGTH } from '@argus/domain';
import { PageQueryDto } from '../common/page-query.dto';

/** Longest name the API reads before trimming (the domain then allows 1–100 characters). */
const MAX_RAW_NAME_LENGTH = 4 * MAX_PERSON_NAME_LENGTH;

export class CreatePersonDto {
  @ApiProperty({ example: 'Ada Lovelace', description: `1–${MAX_PERSON_NAME_LENGTH} characters (trimmed), unique regardless of case` })
  @IsString()
  @MaxLength(MAX_RAW_NAME_LENGTH)
  name!: string;

  @ApiPropertyOptional({ default: false, description: 'true: watched (always alerts); false: trusted (never alerts)' })
  @IsOptional()
  @IsBoolean()
  alert?: boolean;
}

export class UpdatePersonDto {
  @ApiPropertyOptional({ description: `1–${MAX_PERSON_NAME_LENGTH} characters (trimmed), unique regardless of case` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_RAW_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  alert?: boolean;
}

class PersonFilterQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PERSON_QUERY_LENGTH)
  q?: string;
}

export class PersonListQueryDto extends IntersectionType(PageQueryDto, PersonFilterQueryDto) {}

/** `POST /api/people/:id/faces` with JSON: enrol the face of an alert. */
export class EnrolFromAlertDto {
  @ApiProperty({ description: 'An alert of a camera the caller may see, with a stored snapshot' })
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  alertId!: string;
}

/** Exactly one of the two (the domain refuses both or neither). */
export class AssignUnknownDto {
  @ApiPropertyOptional({ description: 'The person the group’s faces join' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  personId?: string;

  @ApiPropertyOptional({ description: 'Or: the name of a new person they become' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_RAW_NAME_LENGTH)
  name?: string;
}

export class AlertIdentityDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'The person the alert shows, or null: nobody enrolled (an unknown face)' })
  @IsPersonIdOrNull()
  personId!: string | null;
}

/** A person id string, or null; absent is an error. */
function IsPersonIdOrNull(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPersonIdOrNull',
      validator: {
        validate: (value) => value === null || (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH),
        defaultMessage: buildMessage((each) => `${each}personId must be a person id or null`, options),
      },
    },
    options,
  );
}
