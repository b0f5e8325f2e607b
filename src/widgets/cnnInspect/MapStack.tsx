// Every layer's output for one digit, top to bottom: the input, each convolution's maps (signed
// colours centred on zero), after ReLU and pooling (magnitudes), the ten scores and the softmax
// probabilities. Each map gets about the same screen size, so deeper, smaller maps are enlarged.
import { max } from 'd3';
import type { FeatureMap } from '../../engine/cnn';
import { magnitudeScale, signedScale } from '../../viz/colorScales';
import { colourTable, INK, PixelCanvas, type ColourTable } from '../../viz/PixelCanvas';
import { ProbabilityBars } from './ProbabilityBars';

const TITLES: Record<string, string> = {
  input: 'the digit going in', conv: 'convolution: one map per filter (purple negative, orange positive)',
  relu: 'after ReLU: negatives become 0', maxpool: 'after max pooling: half the size', dense: 'scores, one per digit (before softmax)',
  softmax: 'softmax: probabilities',
};

function tableFor(map: FeatureMap): ColourTable {
  if (map.type === 'input') return INK;
  let m = 0;
  for (const v of map.values) if (Math.abs(v) > m) m = Math.abs(v);
  m = m || 1;
  return map.type === 'conv' ? colourTable(signedScale(m), -m, m) : colourTable(magnitudeScale(m), 0, m);
}

export function MapStack({ maps, testId }: { maps: FeatureMap[]; testId?: string }) {
  return (
    <div className="map-stack" data-testid={testId}>
      {maps.map((map) => {
        const [, h, w, c] = map.shape;
        const title = `${map.layer} · ${map.shape.slice(1).join('×')}`;
        if (map.shape.length === 2) {
          return (
            <section key={map.layer} className="map-row" data-layer={map.layer}>
              <h4>{title} <span>{TITLES[map.type]}</span></h4>
              <ProbabilityBars values={map.values} kind={map.type === 'softmax' ? 'probability' : 'score'} label={`${map.layer} for digits 0 to 9`} height={120} />
            </section>
          );
        }
        const table = tableFor(map);
        const scale = Math.max(2, Math.round((map.type === 'input' ? 112 : 64) / w));
        const peak = max(map.values) ?? 0;
        return (
          <section key={map.layer} className="map-row" data-layer={map.layer} data-peak={peak}>
            <h4>{title} <span>{TITLES[map.type]}</span></h4>
            <div className="maps">
              {Array.from({ length: c }, (_, ch) => (
                <PixelCanvas key={ch} width={w} height={h} values={map.values} table={table} stride={c} offset={ch} scale={scale} label={`${map.layer}, map ${ch + 1} of ${c}`} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
