import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { repoRoot } from './repo-root';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

const loaded = new Map<string, Promise<LambdaHandler>>();

/**
 * Imports a handler module on its first request, as a Lambda cold start would, and keeps it for the
 * next ones. A module that fails to load is not kept: only its route fails, and it is retried on the
 * next request, so a handler written while the server runs is picked up.
 */
export function loadHandler(entry: string): Promise<LambdaHandler> {
  const cached = loaded.get(entry);
  if (cached) return cached;
  const loading = importHandler(entry);
  loaded.set(entry, loading);
  loading.catch(() => loaded.delete(entry));
  return loading;
}

async function importHandler(entry: string): Promise<LambdaHandler> {
  const module: unknown = await import(pathToFileURL(resolve(repoRoot, entry)).href);
  const handler =
    typeof module === 'object' && module !== null && 'handler' in module ? module.handler : undefined;
  if (!isHandler(handler)) throw new Error(`${entry} does not export a function named "handler".`);
  return handler;
}

function isHandler(value: unknown): value is LambdaHandler {
  return typeof value === 'function';
}
