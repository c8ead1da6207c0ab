import type { components, operations } from './openapi';

// The console's names for the API's shapes, all taken from the generated OpenAPI types (openapi.ts).

/** A schema of the API's OpenAPI document, by name: `ApiSchema<'Camera'>`. */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The query parameters of an API operation, by its operationId: `ApiQuery<'CamerasController_list'>`. */
export type ApiQuery<Operation extends keyof operations> = NonNullable<operations[Operation]['parameters']['query']>;
