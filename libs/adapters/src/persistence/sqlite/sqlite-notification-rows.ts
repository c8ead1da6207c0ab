import type { AlertKind, NotificationFilters } from '@argus/domain';

/** How notification filters sit in a row: JSON lists and a 0/1 flag. */
export interface FilterColumns {
  camera_ids: string;
  person_ids: string;
  unknown_only: number;
  kinds: string;
}

export function filterColumns(filters: NotificationFilters): [string, string, number, string] {
  return [
    JSON.stringify(filters.cameraIds.map(String)),
    JSON.stringify(filters.personIds.map(String)),
    filters.unknownOnly === true ? 1 : 0,
    JSON.stringify(filters.kinds.map(String)),
  ];
}

export function filtersOf(row: FilterColumns): NotificationFilters {
  return {
    cameraIds: JSON.parse(row.camera_ids) as string[],
    personIds: JSON.parse(row.person_ids) as string[],
    unknownOnly: row.unknown_only === 1,
    kinds: JSON.parse(row.kinds) as AlertKind[],
  };
}
