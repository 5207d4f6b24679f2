// Typed failures of the container engine, with messages a user can act on.

export type EngineErrorCode =
  | 'unreachable' // nothing answered at any candidate address
  | 'permission-denied' // a socket exists but we may not use it
  | 'timeout' // the engine accepted the call but did not answer in time
  | 'image-unavailable' // the image is missing and could not be pulled
  | 'run-set-too-large' // the files to copy into the sandbox exceed the cap
  | 'api'; // the engine answered with an error

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Rejects with an EngineError of code `timeout` when `promise` takes longer than `ms`. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EngineError('timeout', `The container engine did not answer within ${ms / 1000} s (${what}).`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
