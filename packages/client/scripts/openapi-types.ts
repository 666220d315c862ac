import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const OPENAPI_FILE = new URL('../../../openapi.yaml', import.meta.url);
export const OPENAPI_TYPES_FILE = fileURLToPath(new URL('../src/openapi-types.ts', import.meta.url));

const HEADER = `/**
 * Generated from openapi.yaml by \`npm run generate -w @lockstep/client\`; do not edit.
 * A test fails when this file no longer matches openapi.yaml.
 */

`;

/** The TypeScript types of openapi.yaml, as openapi-typescript writes them. */
export async function renderOpenApiTypes(): Promise<string> {
  return HEADER + astToString(await openapiTS(OPENAPI_FILE));
}
