import { canViewCamera } from '../../cameras/camera-access';
import type { CameraRepository } from '../../cameras/camera-repository';
import type { PersonRepository } from '../../people/people-repositories';
import { ValidationError } from '../../shared/errors';
import type { Principal } from '../../users/user';
import { parseFilters, type NotificationFilters, type NotificationFiltersInput } from '../notification-filters';

export interface FilterCheckDeps {
  cameras: CameraRepository;
  persons: PersonRepository;
}

/** Filters whose ids name cameras the caller may see and people that exist; 400 otherwise. */
export async function checkedFilters(deps: FilterCheckDeps, principal: Principal, input: NotificationFiltersInput): Promise<NotificationFilters> {
  const filters = parseFilters(input);
  for (const cameraId of filters.cameraIds) {
    const camera = await deps.cameras.findById(cameraId);
    if (!camera || !canViewCamera(principal, camera)) throw new ValidationError(`cameraIds: no camera "${cameraId}"`);
  }
  for (const personId of filters.personIds) {
    if (!(await deps.persons.findById(personId))) throw new ValidationError(`personIds: no person "${personId}"`);
  }
  return filters;
}
