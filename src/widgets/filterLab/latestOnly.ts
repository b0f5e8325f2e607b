// A queue of one for drawing: a slider drag or a webcam stream asks for far more frames than can be
// drawn; only the newest request runs next, so the picture never lags behind stale work.

/** Runs the newest job one at a time: requests that arrive while a job runs replace each other. */
export function latestOnly(onIdle: () => void): (job: () => Promise<void>) => void {
  let running = false;
  let next: (() => Promise<void>) | null = null;
  const pump = async () => {
    running = true;
    while (next) {
      const job = next;
      next = null;
      await job();
    }
    running = false;
    onIdle();
  };
  return (job) => {
    next = job;
    if (!running) void pump();
  };
}
