import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  publishMetrics,
  recordFenceRejection,
  recordLockWait,
  recordReaperResolution,
  recordReplay,
  recordRollback,
  withMetrics,
} from '../../../common/observability/metrics';

interface EmfLine {
  readonly _aws: {
    readonly CloudWatchMetrics: ReadonlyArray<{
      readonly Namespace: string;
      readonly Dimensions: string[][];
      readonly Metrics: ReadonlyArray<{ readonly Name: string; readonly Unit: string }>;
    }>;
  };
  readonly [field: string]: unknown;
}

/** What the process writes to stdout and stderr while `run` runs, one entry per line. */
async function captureStdout(run: () => void | Promise<void>): Promise<string[]> {
  const chunks: string[] = [];
  const capture = (chunk: unknown): boolean => {
    chunks.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run();
    return chunks.join('').split('\n').filter(Boolean);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

function recordOneOfEach(): void {
  recordLockWait(42, 3);
  recordFenceRejection();
  recordRollback('business');
  recordRollback('technical');
  recordReaperResolution(2);
  recordReplay();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('metrics', () => {
  it('write nothing outside Lambda, where no agent reads stdout', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    const lines = await captureStdout(() => {
      recordOneOfEach();
      publishMetrics();
    });
    expect(lines).toEqual([]);
  });

  it('write one EMF line per flush in Lambda, in the Lockstep namespace with the service dimension', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'lockstep-test');
    const lines = await captureStdout(() => {
      recordOneOfEach();
      publishMetrics();
    });
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0] ?? '{}') as EmfLine;
    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe('Lockstep');
    expect(directive?.Dimensions).toEqual([['service']]);
    expect(emf.service).toBe('lockstep');
    expect(Object.fromEntries((directive?.Metrics ?? []).map(({ Name, Unit }) => [Name, Unit]))).toEqual({
      LockWaitMs: 'Milliseconds',
      LockContention: 'Count',
      FenceRejections: 'Count',
      BusinessRollbacks: 'Count',
      TechnicalRollbacks: 'Count',
      ReaperResolutions: 'Count',
      IdempotentReplays: 'Count',
    });
    expect(emf).toMatchObject({
      LockWaitMs: 42,
      LockContention: 3,
      FenceRejections: 1,
      BusinessRollbacks: 1,
      TechnicalRollbacks: 1,
      ReaperResolutions: 2,
      IdempotentReplays: 1,
    });
  });

  it('write nothing, not even a warning, for an invocation that recorded nothing', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'lockstep-test');
    expect(await captureStdout(() => publishMetrics())).toEqual([]);
  });

  it('are flushed by withMetrics after a task, also when it throws', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'lockstep-test');
    const failing = withMetrics(async (_event: unknown) => {
      recordFenceRejection();
      throw new Error('lease lost');
    });
    const lines = await captureStdout(async () => {
      await expect(failing({})).rejects.toThrow('lease lost');
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ FenceRejections: 1 });
    // Flushed means emptied: the next invocation starts from nothing.
    expect(await captureStdout(() => publishMetrics())).toEqual([]);
  });
});
