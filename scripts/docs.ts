import { buildApiDocs } from './api-docs';

/** `npm run docs [-- <file>]`: the API reference from openapi.yaml, one HTML file that renders offline. */
const written = await buildApiDocs(process.argv[2]);
console.log(`API docs: ${written}`);
