// Runs an engine operation once a backend is ready; if a GPU device is lost mid-call, the
// operation is retried once on the backend the engine fell back to.
import { ensureEngine } from './backend';

export async function runOnEngine<T>(op: () => Promise<T>): Promise<T> {
  const before = await ensureEngine();
  try {
    return await op();
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) throw e; // the caller's input, not the device
    await new Promise((r) => setTimeout(r, 0)); // let a device-lost handler start the fallback
    const after = await ensureEngine();
    if (after.backend === before.backend) throw e;
    return op();
  }
}
