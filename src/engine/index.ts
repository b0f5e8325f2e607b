// ConvLab's engine: the public API that lessons, widgets, tests and outside checks call.
// Volumes are channels-first nested arrays, as on the slides: input[c][y][x], filters[k][c][dy][dx].
// Everything computed here runs on tfjs; no tensor ever leaves this folder.
export { initEngine, ensureEngine, engineStatus, onEngineStatus, simulateDeviceLoss, isBackendName, BACKEND_ORDER } from './backend';
export type { BackendName, EngineStatus, InitOptions, Skipped } from './backend';
export { conv2d, convTranspose2d } from './conv';
export type { ConvOptions, ConvTransposeOptions } from './conv';
export { pool2d } from './pool';
export type { PoolMode, PoolOptions, PoolResult } from './pool';
export { im2col, toeplitz, matMul, windowProducts, MAX_MATRIX_ENTRIES } from './matrixViews';
export {
  outputSize, windowGeometry, windowCells, windowOrigin, outputPositions, droppedCells, readersOfInput, resolvePads,
} from './geometry';
export type { WindowGeometry, Cell, Pads, Pair, PaddingSpec } from './geometry';
export type { Volume, FilterBank, Matrix } from './volumes';
export { convLayer, samePadding, shrinkingSizes, fullyConnectedAsConv, paddedOutputSize, paddingsThatFit } from './layerArithmetic';
export type { ConvLayerSpec, ConvLayerSummary, FullyConnectedAsConv } from './layerArithmetic';
export { layerStack, traceReceptiveField, traceInfluence, receptiveFieldSizes, stackWeights, describeLayer } from './receptiveField';
export type { StackLayer } from './receptiveField';
export { convInputGradient } from './gradients';
export { toeplitzLayout, toeplitzSlot, im2colLayout, type ToeplitzLayout, type Im2colLayout } from './matrixLayout';
export { im2colIndices } from './geometry';
export { PRESETS, PRESET_IDS, findPreset, presetKernel, gaussianKernel, binomialRow } from './imageFilters';
export type { Preset, PresetId, FilterKernel, DisplayMode } from './imageFilters';
export { createImageSession, ImageSession, checkFilterSpec, liveTensors, MAX_IMAGE_SIDE } from './imagePipeline';
export { lowRank } from './imageRoutes';
export type { FilterSpec, ColourMode, RgbaPixels, ImageSource, RenderInfo, Inspection, Canvas, DrawPath } from './imagePipeline';
export { shiftComparison } from './shiftDemo';
export type { ShiftOptions, ShiftComparison } from './shiftDemo';
// Training the CNN from the page (worker client, settings, drawing-pad preprocessing): window.convlab.training.
export * as training from './training';
