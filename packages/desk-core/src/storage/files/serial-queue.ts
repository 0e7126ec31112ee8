/**
 * Runs async tasks one at a time, in call order. Each store's read-modify-write goes through one,
 * so two quick saves (or a save racing provisioning) cannot interleave and lose a change.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // A failed task must not block the ones after it; its caller still sees the rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
