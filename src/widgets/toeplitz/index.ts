// The Toeplitz widgets, by the tag names lessons use.
import { ToeplitzCanvas } from './ToeplitzCanvas';
import { Toeplitz1D, Toeplitz2D } from './ToeplitzSmall';

export const widgets = { Toeplitz1D, Toeplitz2D, ToeplitzCanvas };
