import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiDocs } from '../../../scripts/api-docs';

/**
 * Every URL the page would fetch by itself as it renders: scripts, style sheets, preloads, module
 * imports, CSS imports and url()s. Links a reader may click (`<a href>`) are not fetched, so they
 * are not counted.
 */
function externalResources(html: string): string[] {
  const external = /^(?:https?:)?\/\//i;
  const found = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]),
    ...[...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]),
    ...[...html.matchAll(/\bimport\s*(?:[\w{}\s,*]+from\s*)?\(?\s*["']([^"']+)["']/g)].map(
      (match) => match[1],
    ),
    ...[...html.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi)].map((match) => match[1]),
    ...[...html.matchAll(/url\(\s*["']?([^"')\s]+)/gi)].map((match) => match[1]),
  ];
  return [...new Set(found)].filter((url): url is string => url !== undefined && external.test(url));
}

let dir: string;
let html: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-api-docs-'));
  html = readFileSync(await buildApiDocs(join(dir, 'index.html')), 'utf8');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run docs', () => {
  it('renders openapi.yaml: its title, its routes and the Redoc script that draws them', () => {
    expect(html).toContain('<title>lockstep HTTP API</title>');
    for (const operationId of ['createDeposit', 'createWithdrawal', 'buy', 'sell', 'listTransactions']) {
      expect(html).toContain(`"operationId":"${operationId}"`);
    }
    expect(html).toMatch(/hydrate\(__redoc_definition, __redoc_options/);
    expect(html).toContain('"disableTelemetry":true');
  });

  it('fetches no script or style from anywhere: the page renders offline', () => {
    expect(externalResources(html)).toEqual([]);
  });

  it('would notice a page that loads Redoc from a CDN, as build-docs does without --inlineBundle', () => {
    const cdn = 'https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js';
    expect(externalResources(`<link rel="modulepreload" href="${cdn}" crossorigin="anonymous" />`)).toEqual([
      cdn,
    ]);
    expect(externalResources(`<script type="module">\n import { hydrate } from "${cdn}";</script>`)).toEqual([
      cdn,
    ]);
    expect(externalResources(`<script src="//cdn.example/x.js"></script>`)).toEqual(['//cdn.example/x.js']);
    expect(externalResources(`<style>@import url("https://fonts.example/css");</style>`)).toEqual([
      'https://fonts.example/css',
    ]);
    expect(externalResources(`<a href="https://redocly.com/redoc/">API docs by</a>`)).toEqual([]);
  });
});
