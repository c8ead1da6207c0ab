import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'argus:isPublic';

/** Routes reachable without a user token (login, health, the pre-shared-key alert intake). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
