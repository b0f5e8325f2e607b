// The stride-and-output-size calculator, by the tag name lessons use.
import { StrideCalculator } from './StrideCalculator';

export const widgets = { StrideCalculator };
