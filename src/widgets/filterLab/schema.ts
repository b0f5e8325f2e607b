// What the filter lab keeps in a link: the sample photo, preset, size, σ, the kernel as edited,
// divisor, colour or grey, how results become pixels, the view and the inspected pixel. The
// student's own image and the webcam stay on their computer: a link reopens the sample photo.
import { PRESET_IDS, findPreset, gaussianKernel, presetKernel, type FilterKernel, type PresetId } from '../../engine';
import type { MatrixField, Schema, StateOf } from '../../store/schema';

export const SAMPLES = [
  { id: 'astronaut', file: 'images/astronaut.png', title: 'Astronaut', credit: 'Eileen Collins; public domain, NASA Great Images database' },
  { id: 'camera', file: 'images/camera.png', title: 'Cameraman', credit: 'CC0, photographer Lav Varshney' },
  { id: 'chelsea', file: 'images/chelsea.png', title: 'Chelsea the cat', credit: 'CC0, photographer Stefan van der Walt' },
  { id: 'coffee', file: 'images/coffee.png', title: 'Coffee', credit: 'CC0, Rachel Michetti (courtesy of Pikolo Espresso Bar)' },
  { id: 'rocket', file: 'images/rocket.jpg', title: 'Falcon 9 launch', credit: 'public domain, released by SpaceX' },
  { id: 'brick', file: 'images/brick.png', title: 'Brick wall', credit: 'CC0, CC0Textures (Bricks25)' },
] as const;
export type SampleId = (typeof SAMPLES)[number]['id'];

export const GAUSS_MODES = ['binomial', 'sigma'] as const;

/** The kernel a preset gives at a size (σ only for a sampled Gaussian). */
export function kernelFor(preset: PresetId, size: number, gauss: string, sigma: number): FilterKernel {
  return preset === 'gaussian' && gauss === 'sigma' ? gaussianKernel(size, sigma) : presetKernel(preset, size);
}

export interface FilterLabProps {
  image?: string;
  preset?: string;
  size?: number;
  display?: string;
  colour?: string;
}

export function filterLabSchema(props: FilterLabProps) {
  const preset = (findPreset(props.preset ?? '')?.id ?? 'box') as PresetId;
  const info = findPreset(preset)!;
  const size = info.sizes.includes(props.size ?? 3) ? (props.size ?? 3) : info.sizes[0];
  const k = presetKernel(preset, size);
  const kernel: MatrixField = { kind: 'matrix', label: 'kernel', default: k.weights, minSize: 1, maxSize: 7, maxAbs: 10000 };
  const image = SAMPLES.some((s) => s.id === props.image) ? (props.image as SampleId) : 'astronaut';
  const display = ['clamp', 'rescale', 'abs'].includes(props.display ?? '') ? (props.display as 'clamp') : info.display;
  return {
    image: { kind: 'enum', label: 'photo', default: image, options: SAMPLES.map((s) => s.id) },
    preset: { kind: 'enum', label: 'preset', default: preset, options: PRESET_IDS },
    size: { kind: 'int', label: 'kernel size', default: size, min: 1, max: 7 },
    gauss: { kind: 'enum', label: 'Gaussian weights', default: 'binomial', options: GAUSS_MODES },
    sigma: { kind: 'number', label: 'σ', default: 1, min: 0.3, max: 4 },
    kernel,
    divisor: { kind: 'number', label: 'divisor', default: k.divisor, min: -100000, max: 100000 },
    colour: { kind: 'enum', label: 'colour mode', default: props.colour === 'grey' ? 'grey' : 'colour', options: ['colour', 'grey'] as const },
    display: { kind: 'enum', label: 'display', default: display, options: ['clamp', 'rescale', 'abs'] as const },
    magnitude: { kind: 'bool', label: 'edge magnitude', default: info.magnitude ?? false },
    view: { kind: 'enum', label: 'view', default: 'side', options: ['side', 'split'] as const },
    split: { kind: 'int', label: 'split position', default: 50, min: 0, max: 100 },
    x: { kind: 'int', label: 'inspected column', default: -1, min: -1, max: 2047 },
    y: { kind: 'int', label: 'inspected row', default: -1, min: -1, max: 2047 },
  } satisfies Schema;
}

export type FilterLabState = StateOf<ReturnType<typeof filterLabSchema>>;

/** A link whose kernel is not square and odd cannot be filtered: fall back to the defaults. */
export function checkFilterLab(s: FilterLabState): string | null {
  const n = s.kernel.length;
  if (n !== s.kernel[0].length || n % 2 === 0) return `the ${n}×${s.kernel[0].length} kernel is not square with an odd size`;
  return null;
}

/** Grows or shrinks a kernel around its centre (new cells 0), keeping it odd and square. */
export function resizeAroundCentre(m: number[][], n: number): number[][] {
  const shift = (n - m.length) / 2;
  return Array.from({ length: n }, (_, y) => Array.from({ length: n }, (_, x) => m[y - shift]?.[x - shift] ?? 0));
}
