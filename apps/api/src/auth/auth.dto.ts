import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
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
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
