import type { IncomingMessage } from 'node:http';

export type BodyReadResult =
  | { readonly body: Buffer }
  | { readonly tooLarge: true }
  /** The connection closed before the body was complete: the client left, or stalled past the limit. */
  | { readonly cutOff: true };

/**
 * Reads at most `limitBytes` and then only drains, so an oversized upload costs no memory yet the
 * client still gets a response instead of a reset connection.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    request.once('end', () =>
      resolve(size > limitBytes ? { tooLarge: true } : { body: Buffer.concat(chunks) }),
    );
    // A request stream fails only when its connection goes; whatever was sent is incomplete.
    request.once('error', () => resolve({ cutOff: true }));
  });
}
