/**
 * Geometry of the balance chart: SVG paths and ticks for a series of balances (minor units).
 * Coordinates are floating point: they place pixels, they are never shown as money.
 */
export interface ChartBox {
  width: number;
  height: number;
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface ChartGeometry {
  line: string;
  area: string;
  points: { x: number; y: number }[];
  /** The value domain drawn, bottom to top, in minor units. */
  domain: [number, number];
  yTicks: { y: number; value: number }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The values' range with a little air, never dipping below zero for positive data. A flat series
 * gets room to be drawn: 0 … twice its value, or 0 … `unit` (one major unit of the currency in
 * minor units: 100 for USD, 1 for VND) when it is flat at zero.
 */
export function chartDomain(values: readonly number[], unit = 1): [number, number] {
  if (values.length === 0) return [0, unit];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return min === 0 ? [0, unit] : [Math.min(0, min * 2), Math.max(0, max * 2)];
  const air = (max - min) * 0.1;
  const low = min >= 0 ? Math.max(0, min - air) : min - air;
  return [Math.floor(low), Math.ceil(max + air)];
}

/** 1, 2, 5, 10, 20, 50, …: the steps ticks may be apart, in whole minor units. */
function* niceSteps(): Generator<number> {
  for (let power = 1; ; power *= 10) for (const multiple of [1, 2, 5]) yield multiple * power;
}

export interface ChartAxis {
  /** The value domain drawn, bottom to top, in minor units. */
  domain: [number, number];
  /** Distinct whole minor units within the domain, a nice step apart, bottom to top. */
  ticks: number[];
}

/**
 * The value axis: the domain (chartDomain) and the ticks within it, the finest nice step (1, 2 or 5
 * times a power of ten, in whole minor units) that gives at most `maxTicks` of them (2 at least).
 * Their labels are distinct, evenly spaced amounts: "$0.00, $0.50, $1.00", never "$0.00, $0.01, $0.01".
 */
export function chartAxis(values: readonly number[], unit = 1, maxTicks = 5): ChartAxis {
  const [low, high] = chartDomain(values, unit);
  for (const step of niceSteps()) {
    const first = Math.ceil(low / step);
    const last = Math.floor(high / step);
    if (last - first + 1 > maxTicks) continue;
    const ticks = Array.from({ length: last - first + 1 }, (_, i) => (first + i) * step);
    return { domain: [low, high], ticks };
  }
  throw new Error('unreachable: the steps grow without bound');
}

export function chartGeometry(
  values: readonly number[],
  box: ChartBox,
  axis: ChartAxis = chartAxis(values),
): ChartGeometry {
  const { width, height, padding } = box;
  const innerWidth = Math.max(1, width - padding.left - padding.right);
  const innerHeight = Math.max(1, height - padding.top - padding.bottom);
  const [low, high] = axis.domain;
  const yOf = (value: number) => padding.top + innerHeight - ((value - low) / (high - low)) * innerHeight;
  const xOf = (index: number) =>
    padding.left + (values.length <= 1 ? innerWidth / 2 : (index / (values.length - 1)) * innerWidth);

  const points = values.map((value, index) => ({ x: round(xOf(index)), y: round(yOf(value)) }));
  const bottom = round(padding.top + innerHeight);
  let line = '';
  let area = '';
  if (points.length === 1) {
    const y = points[0]!.y;
    line = `M${padding.left},${y}H${round(padding.left + innerWidth)}`;
    area = `${line}V${bottom}H${padding.left}Z`;
  } else if (points.length > 1) {
    line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
    area = `${line}L${points.at(-1)!.x},${bottom}L${points[0]!.x},${bottom}Z`;
  }

  const yTicks = axis.ticks.map((value) => ({ y: round(yOf(value)), value }));
  return { line, area, points, domain: [low, high], yTicks };
}

/** The index of the point nearest to `x` (for the hover read-out). */
export function nearestIndex(points: readonly { x: number }[], x: number): number {
  let best = 0;
  for (let i = 1; i < points.length; i++) {
    if (Math.abs(points[i]!.x - x) < Math.abs(points[best]!.x - x)) best = i;
  }
  return best;
}
