// The training Web Worker: tfjs runs here, off the page's thread, so the page stays responsive
// while the CNN trains. It answers protocol.ts requests and posts training events.
import { workerDeps } from './browserDeps';
import { serialiseError, type FromSession, type RequestMessage } from './protocol';
import { createSession } from './session';

// The worker's global scope, typed by hand (the project's TypeScript libs are the page's).
const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent<RequestMessage>) => void) | null };
const post = (message: FromSession) => scope.postMessage(message);
const session = createSession((event) => post({ event }), workerDeps());

scope.onmessage = (e: MessageEvent<RequestMessage>) => {
  const { id, type, arg } = e.data;
  session.handle(type, arg).then(
    (result) => post({ id, ok: true, result }),
    (error: unknown) => post({ id, ok: false, error: serialiseError(error) }),
  );
};
