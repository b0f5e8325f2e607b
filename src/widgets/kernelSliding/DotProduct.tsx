// One window's dot product written out: each input value × kernel weight, the products the engine
// computed, and their sum, which is the output cell (also from the engine).
import { windowCells, type WindowGeometry } from '../../engine';
import { formatNumber } from '../../viz/format';

export interface DotProductProps {
  g: WindowGeometry;
  input: number[][];
  kernel: number[][];
  position: { y: number; x: number };
  /** The engine's products for this window, in (dy, dx) order. */
  products: number[];
  /** The engine's output for this window. */
  sum: number;
}

export function DotProduct({ g, input, kernel, position, products, sum }: DotProductProps) {
  const cells = windowCells(g, position.y, position.x);
  const written = cells.map((c) => `${formatNumber(c.inside ? input[c.y][c.x] : 0)}×${formatNumber(kernel[c.dy][c.dx])}`);
  const text = `${written.join(' + ')} = ${formatNumber(sum)}`;
  return (
    <div className="dot-product" aria-live="polite" data-testid="dot-product">
      <p className="dot-product-title">
        Output row {position.y + 1}, column {position.x + 1}:
      </p>
      <ol className="terms" aria-label={text}>
        {cells.map((c, i) => (
          <li key={i} className={c.inside ? '' : 'pad-term'}>
            <span className="factors">{written[i]}</span>
            <span className="product">{formatNumber(products[i])}</span>
            {i < cells.length - 1 && <span className="plus" aria-hidden="true">+</span>}
          </li>
        ))}
        <li className="sum">
          <span className="factors">sum</span>
          <span className="product">= {formatNumber(sum)}</span>
        </li>
      </ol>
      <p className="dot-product-text">{text}</p>
    </div>
  );
}
