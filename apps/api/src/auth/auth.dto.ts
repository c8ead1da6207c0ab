import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_LOGIN_PASSWORD_LENGTH, MAX_LOGIN_USERNAME_LENGTH, MIN_PASSWORD_LENGTH } from '@argus/domain';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LOGIN_USERNAME_LENGTH)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LOGIN_PASSWORD_LENGTH)
  password!: string;
}

export class TokenDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer` and the socket.io handshake' })
  token!: string;

  @ApiProperty({ description: 'Expiry of the token (ISO 8601)' })
  expiresAt!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(MAX_LOGIN_PASSWORD_LENGTH)
  currentPassword!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MaxLength(MAX_LOGIN_PASSWORD_LENGTH)
  newPassword!: string;
}
