import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ROLES, type Role, type UserDirectoryEntry, type UserView as UserViewShape } from '@argus/domain';

/** A user as answers carry it (`toUserView`); never the password hash. */
@ApiSchema({ name: 'User' })
export class UserView implements UserViewShape {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ description: 'The password was generated or reset by an admin: the console asks for a new one' })
  mustChangePassword!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A user as the directory shows them to operators choosing viewers (`toDirectoryEntry`). */
@ApiSchema({ name: 'UserDirectoryEntry' })
export class UserDirectoryEntryView implements UserDirectoryEntry {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}
