// The live webcam for the filter lab: opening and closing the camera, and turning every way it can
// fail (refused, missing, busy, insecure page) into a sentence. Frames are read by the engine.

export interface Camera {
  video: HTMLVideoElement;
  stop: () => void;
}

export async function openCamera(): Promise<Camera> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw Object.assign(new Error('no mediaDevices'), { name: 'InsecureError' });
  }
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  const stop = () => {
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  };
  try {
    await video.play();
    if (!video.videoWidth) await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
  } catch (e) {
    stop();
    throw e;
  }
  return { video, stop };
}

/** Why the camera could not start, for the student; the last image stays on screen. */
export function cameraError(e: unknown): string {
  const name = (e as { name?: string })?.name;
  const keep = ' The last image stays in the lab.';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return `The camera was refused (by you or by the browser’s settings). To use it, allow the camera for this page (the camera icon in the address bar) and try again.${keep}`;
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return `No camera was found on this computer.${keep}`;
  if (name === 'NotReadableError' || name === 'AbortError') return `The camera is busy (another program or tab is using it) or failed to start.${keep}`;
  if (name === 'InsecureError') return `This page cannot use the camera: browsers allow it only on https:// pages or on localhost.${keep}`;
  return `The camera could not start (${(e as Error)?.message ?? String(e)}).${keep}`;
}

/** Calls `tick` once per new video frame (requestVideoFrameCallback where available) until stopped. */
export function onFrames(video: HTMLVideoElement, tick: () => void): () => void {
  let stopped = false;
  const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
  const next = () => {
    if (stopped) return;
    tick();
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(next);
    else requestAnimationFrame(next);
  };
  next();
  return () => {
    stopped = true;
  };
}
