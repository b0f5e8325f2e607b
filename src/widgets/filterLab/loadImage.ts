// Turning what a student drops or picks into an ImageBitmap the engine can take: the file's first
// bytes say what it really is (PNG, JPEG, WebP; SVG and anything else get a sentence), its header
// gives its size, and big photos are decoded straight to a smaller size off the main thread.

/** Longest side the lab works at: large enough to see detail, small enough to filter at frame rate. */
export const WORK_SIDE = 640;

export interface LoadedImage {
  bitmap: ImageBitmap;
  /** Set when the image was scaled down, e.g. "Scaled down from 8000×6250 to 640×500 …". */
  note?: string;
}

type Kind = 'png' | 'jpeg' | 'webp' | 'svg' | 'gif' | 'other';

function sniff(b: Uint8Array): Kind {
  const at = (i: number, ...bytes: number[]) => bytes.every((v, k) => b[i + k] === v);
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0x47, 0x49, 0x46)) return 'gif';
  const text = new TextDecoder().decode(b.slice(0, 1024)).trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg';
  return 'other';
}

/** Width and height from the header, or null when the header is damaged. */
function headerSize(kind: Kind, b: Uint8Array): [number, number] | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  try {
    if (kind === 'png') return v.getUint32(12) === 0x49484452 ? [v.getUint32(16), v.getUint32(20)] : null;
    if (kind === 'webp') {
      const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
      if (chunk === 'VP8 ') return [v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff];
      if (chunk === 'VP8L') {
        const bits = v.getUint32(21, true);
        return [(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1];
      }
      if (chunk === 'VP8X') return [1 + (b[24] | (b[25] << 8) | (b[26] << 16)), 1 + (b[27] | (b[28] << 8) | (b[29] << 16))];
      return null;
    }
    // JPEG: walk the segments to a start-of-frame marker (SOF0–SOF15, except DHT, JPG and DAC).
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [v.getUint16(i + 7), v.getUint16(i + 5)];
      i += 2 + v.getUint16(i + 2);
    }
    return null;
  } catch {
    return null;
  }
}

/** JPEG EXIF orientation 5–8 means the camera stored the photo turned by 90°: width and height swap. */
function turnedJpeg(b: Uint8Array): boolean {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  try {
    for (let i = 2; i + 4 < b.length && b[i] === 0xff; i += 2 + v.getUint16(i + 2)) {
      if (b[i + 1] !== 0xe1 || v.getUint32(i + 4) !== 0x45786966) continue; // APP1 "Exif"
      const tiff = i + 10;
      const little = v.getUint16(tiff) === 0x4949;
      const ifd = tiff + v.getUint32(tiff + 4, little);
      for (let e = 0; e < v.getUint16(ifd, little); e++) {
        const entry = ifd + 2 + e * 12;
        if (v.getUint16(entry, little) === 0x0112) return v.getUint16(entry + 8, little) >= 5;
      }
    }
  } catch {
    // no readable EXIF: not turned
  }
  return false;
}

/** Loads a file or blob; throws an Error whose message is a sentence for the student. */
export async function loadImageFile(file: Blob, name = 'The file'): Promise<LoadedImage> {
  if (file.size === 0) throw new Error(`${name} is empty.`);
  const head = new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer());
  const kind = sniff(head);
  if (kind === 'svg') {
    throw new Error(`${name} is an SVG: a vector drawing made of shapes, not of pixels, so there is nothing to filter. Export it as PNG, JPEG or WebP first.`);
  }
  if (kind === 'gif' || kind === 'other') {
    throw new Error(`${name} is not a PNG, JPEG or WebP image${kind === 'gif' ? ' (it is a GIF)' : ''}. Choose a photo in one of those formats.`);
  }
  const size = headerSize(kind, head);
  if (!size || !size[0] || !size[1]) throw new Error(`${name} looks like a ${kind.toUpperCase()} but its header is damaged, so it cannot be read.`);
  const [w, h] = kind === 'jpeg' && turnedJpeg(head) ? [size[1], size[0]] : size;
  const scale = Math.min(1, WORK_SIDE / Math.max(w, h));
  const [tw, th] = [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
  let bitmap: ImageBitmap;
  try {
    // Decoding (and scaling) happens off the main thread, so even a 50-megapixel photo does not freeze the page.
    bitmap = await createImageBitmap(file, scale < 1 ? { resizeWidth: tw, resizeHeight: th, resizeQuality: 'medium' } : {});
  } catch {
    throw new Error(`${name} looks like a ${kind.toUpperCase()} but could not be decoded: it is damaged or cut off.`);
  }
  const note = scale < 1 ? `Scaled down from ${w}×${h} to ${tw}×${th} so that the filters stay live.` : undefined;
  return { bitmap, note };
}
