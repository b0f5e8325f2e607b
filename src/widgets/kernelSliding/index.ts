// The kernel-sliding widgets, by the tag names lessons use.
import { KernelSliding } from './KernelSliding';

export const widgets = { KernelSliding };
