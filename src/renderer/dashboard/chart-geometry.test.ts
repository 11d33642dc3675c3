import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money';
import { chartAxis, chartDomain, chartGeometry, nearestIndex } from './chart-geometry';

const box = { width: 110, height: 60, padding: { top: 5, right: 5, bottom: 5, left: 5 } };

describe('chartDomain', () => {
  it('adds a tenth either side without going below zero for positive balances', () => {
    expect(chartDomain([1000, 2000])).toEqual([900, 2100]);
    expect(chartDomain([0, 1000])).toEqual([0, 1100]);
    expect(chartDomain([-1000, 1000])).toEqual([-1200, 1200]);
  });

  it('gives a flat series room to be drawn', () => {
    expect(chartDomain([])).toEqual([0, 1]);
    expect(chartDomain([0, 0])).toEqual([0, 1]);
    expect(chartDomain([500, 500])).toEqual([0, 1000]);
    // Flat at zero: up to one major unit of the currency ($1.00 is 100 minor units).
    expect(chartDomain([0, 0], 100)).toEqual([0, 100]);
  });
});

describe('chartAxis', () => {
  const labels = (values: number[], currency: 'USD' | 'VND') => {
    const unit = currency === 'USD' ? 100 : 1;
    return chartAxis(values, unit).ticks.map((v) => formatMoney(v, currency, { locale: 'en-US' }));
  };

  it('labels a wallet at zero, or holding a few cents, with distinct amounts a nice step apart', () => {
    expect(labels([0, 0, 0], 'USD')).toEqual(['$0.00', '$0.50', '$1.00']);
    expect(labels([], 'USD')).toEqual(['$0.00', '$0.50', '$1.00']);
    expect(labels([0, 1], 'USD')).toEqual(['$0.00', '$0.01', '$0.02']);
    expect(labels([0, 3, 3], 'USD')).toEqual(['$0.00', '$0.01', '$0.02', '$0.03', '$0.04']);
    expect(labels([0, 0], 'VND')).toEqual(['₫0', '₫1']);
  });

  it('puts ticks on whole minor units inside the domain, two to five of them', () => {
    for (const values of [
      [1000, 2000],
      [0, 7],
      [123, 98_765],
      [-500, 1200],
      [5, 5],
      [0, 1_000_000_000_000],
    ]) {
      const { domain, ticks } = chartAxis(values, 100);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(new Set(ticks).size).toBe(ticks.length);
      for (const tick of ticks) {
        expect(Number.isInteger(tick)).toBe(true);
        expect(tick).toBeGreaterThanOrEqual(domain[0]);
        expect(tick).toBeLessThanOrEqual(domain[1]);
      }
    }
    expect(chartAxis([1000, 2000]).ticks).toEqual([1000, 1500, 2000]);
  });
});

describe('chartGeometry', () => {
  it('spreads points across the width and puts higher balances higher up', () => {
    const g = chartGeometry([1000, 2000, 1500], box);
    expect(g.points.map((p) => p.x)).toEqual([5, 55, 105]);
    expect(g.points[1]!.y).toBeLessThan(g.points[2]!.y);
    expect(g.points[2]!.y).toBeLessThan(g.points[0]!.y);
    expect(g.line.startsWith('M5,')).toBe(true);
    expect(g.area.endsWith('Z')).toBe(true);
  });

  it('draws a single day as a flat line', () => {
    const g = chartGeometry([700], box);
    expect(g.line).toMatch(/^M5,[\d.]+H105$/);
  });

  it('draws nothing for no data', () => {
    expect(chartGeometry([], box).line).toBe('');
  });

  it('places the axis ticks at their values', () => {
    const g = chartGeometry([0, 0], box, chartAxis([0, 0], 100));
    expect(g.yTicks).toEqual([
      { value: 0, y: 55 },
      { value: 50, y: 30 },
      { value: 100, y: 5 },
    ]);
  });
});

describe('nearestIndex', () => {
  it('finds the point closest to the pointer', () => {
    expect(nearestIndex([{ x: 0 }, { x: 10 }, { x: 20 }], 14)).toBe(1);
    expect(nearestIndex([{ x: 0 }, { x: 10 }, { x: 20 }], 16)).toBe(2);
  });
});
