// Text on coloured cells stays readable: textOn picks white on dark fills and black on light ones,
// for d3's hex colours (viridis, used for magnitudes and pixel values) as well as rgb() strings.
import { describe, expect, it } from 'vitest';
import { magnitudeScale, textOn } from '../../../src/viz/colorScales';

describe('textOn', () => {
  it('white on viridis’ dark purple, black on its yellow, for hex and rgb() fills', () => {
    expect(textOn('#440154')).toBe('#fff');
    expect(textOn('#fde725')).toBe('#111');
    expect(textOn('rgb(20, 20, 20)')).toBe('#fff');
    expect(textOn('rgb(250, 250, 250)')).toBe('#111');
    const scale = magnitudeScale(255);
    expect(textOn(scale(0))).toBe('#fff');
    expect(textOn(scale(255))).toBe('#111');
  });
});
