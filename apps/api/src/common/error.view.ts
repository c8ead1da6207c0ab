import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ApiErrorBody } from './api-exception.filter';

/** Every error answer: `{ statusCode, message, errors? }` (see ApiExceptionFilter). */
@ApiSchema({ name: 'Error', description: 'Every error answer' })
export class ErrorView implements ApiErrorBody {
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status again' })
  statusCode!: number;

  @ApiProperty({ example: 'name must be a string', description: 'What went wrong, for people' })
  message!: string;

  @ApiProperty({ type: [String], required: false, description: 'One entry per problem, when the input had several' })
  errors?: string[];
}
