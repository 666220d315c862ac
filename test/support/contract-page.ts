import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONTRACT_FILE = fileURLToPath(new URL('../../docs/api-contract.md', import.meta.url));

/** An error the contract names: the status it comes with and its code. */
export interface StatusCode {
  readonly status: number;
  readonly code: string;
}

/** One row of the contract's Routes table. */
export interface ContractRoute {
  readonly method: string;
  /** The path template, without the query: `/orders/{orderId}`. */
  readonly path: string;
  /** Query parameters written into the row's path (`/orders?limit=&cursor=`). */
  readonly query: readonly string[];
  readonly success: number;
  /** Every `status \`CODE\`` the row names, in its success cell (403 FORBIDDEN) or its failures cell. */
  readonly errors: readonly StatusCode[];
}

export interface ContractPage {
  readonly routes: readonly ContractRoute[];
  /** The Errors table: every code with its status. */
  readonly errors: readonly StatusCode[];
  /** "Every route but `GET /health` requires …": the routes that need no token, as "GET /health". */
  readonly publicRoutes: readonly string[];
  /** "Every POST accepts an `Idempotency-Key` header": the methods whose routes take the key. */
  readonly idempotentMethods: readonly string[];
}

/**
 * docs/api-contract.md read as data: its Routes and Errors tables and the two sentences that say
 * which routes need a token and which take an Idempotency-Key. A page that no longer has one of
 * them is an error, not an empty list, so that a rewrite cannot make the agreement test vacuous.
 */
export function parseContractPage(markdown: string): ContractPage {
  const routeRows = tableRows(section(markdown, 'Routes'));
  const errorRows = tableRows(section(markdown, 'Errors'));
  const authentication = section(markdown, 'Authentication');
  const idempotency = section(markdown, 'Idempotency');
  const publicRoutes = /Every route but ((?:`[A-Z]+ [^`]+`(?:,? (?:and )?)?)+) requires/.exec(authentication);
  if (!publicRoutes?.[1])
    throw new Error('The Authentication section no longer says which routes are public.');
  const idempotent = /Every (GET|PUT|POST|PATCH|DELETE) accepts an `Idempotency-Key` header/.exec(
    idempotency,
  );
  if (!idempotent?.[1]) throw new Error('The Idempotency section no longer says which routes take a key.');
  return {
    routes: routeRows.map((row) => routeOf(row)),
    errors: errorRows.flatMap((row) => {
      const status = Number(cell(row, 'status'));
      return backticked(cell(row, 'code')).map((code) => ({ status, code }));
    }),
    publicRoutes: backticked(publicRoutes[1]),
    idempotentMethods: [idempotent[1]],
  };
}

export const loadContractPage = (file = CONTRACT_FILE): ContractPage =>
  parseContractPage(readFileSync(file, 'utf8'));

function routeOf(row: Readonly<Record<string, string>>): ContractRoute {
  const target = /^([A-Z]+) (\/[^?\s]*)(?:\?(\S*))?$/.exec(cell(row, 'method and path'));
  if (!target?.[1] || !target[2]) throw new Error(`Not a route: ${cell(row, 'method and path')}`);
  const success = /^(\d{3})\b/.exec(cell(row, 'success'));
  if (!success?.[1]) throw new Error(`${target[1]} ${target[2]} names no success status.`);
  const named = `${cell(row, 'success')} ${cell(row, 'business failures')}`;
  return {
    method: target[1],
    path: target[2],
    query: (target[3] ?? '')
      .split('&')
      .map((pair) => pair.split('=')[0] ?? '')
      .filter((name) => name !== ''),
    success: Number(success[1]),
    errors: [...named.matchAll(/(\d{3}) `([A-Z_]+)`/g)].map((match) => ({
      status: Number(match[1]),
      code: match[2] ?? '',
    })),
  };
}

/** The text under a `## heading`, up to the next heading of the same level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start === -1) throw new Error(`docs/api-contract.md has no "## ${heading}" section.`);
  const end = lines.findIndex((line, index) => index > start && /^##? /.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

/** The rows of the first table in `text`, each keyed by its header; nested (indented) tables are not it. */
function tableRows(text: string): Record<string, string>[] {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  if (first === -1) throw new Error(`No table in:\n${text.slice(0, 200)}`);
  const table: string[] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  const [header, separator, ...body] = table.map(cells);
  if (!header || !separator?.every((divider) => /^:?-+:?$/.test(divider))) {
    throw new Error(`Not a table: ${table[0]}`);
  }
  return body.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/** A table line's cells; a `|` inside backticks or escaped as `\|` belongs to its cell. */
function cells(line: string): string[] {
  const found: string[] = [];
  let current = '';
  let inCode = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '\\' && line[index + 1] === '|') {
      current += '|';
      index++;
    } else if (char === '`') {
      inCode = !inCode;
      current += char;
    } else if (char === '|' && !inCode) {
      found.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  return found.slice(1);
}

function cell(row: Readonly<Record<string, string>>, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`The table has no "${name}" column.`);
  return value;
}

const backticked = (text: string): string[] =>
  [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '').filter((value) => value !== '');
