import { writeFileSync } from 'node:fs';
import { OPENAPI_TYPES_FILE, renderOpenApiTypes } from './openapi-types';

writeFileSync(OPENAPI_TYPES_FILE, await renderOpenApiTypes());
console.log(`Wrote ${OPENAPI_TYPES_FILE}`);
