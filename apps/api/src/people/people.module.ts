import { Module } from '@nestjs/common';
import { AlertIdentityController } from './alert-identity.controller';
import { FaceImagesController } from './face-images.controller';
import { PeopleController } from './people.controller';
import { PersonFacesController } from './person-faces.controller';
import { PhotoReader } from './photo-reader';
import { RecognizeController } from './recognize.controller';
import { UnknownsController } from './unknowns.controller';

/** The people routes: people and their faces, recognition, unknown groups, alert identities, face crops. */
@Module({
  controllers: [PeopleController, PersonFacesController, RecognizeController, UnknownsController, AlertIdentityController, FaceImagesController],
  providers: [PhotoReader],
})
export class PeopleModule {}
