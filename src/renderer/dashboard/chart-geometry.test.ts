import { describe, expect, it } from 'vitest';
import { chartDomain, chartGeometry, nearestIndex } from './chart-geometry';

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

  it('labels the bottom, middle and top of the domain with whole minor units', () => {
    const g = chartGeometry([1000, 2000], box);
    expect(g.yTicks.map((t) => t.value)).toEqual([900, 1500, 2100]);
    expect(g.yTicks[0]!.y).toBe(55);
    expect(g.yTicks[2]!.y).toBe(5);
  });
});

describe('nearestIndex', () => {
  it('finds the point closest to the pointer', () => {
    expect(nearestIndex([{ x: 0 }, { x: 10 }, { x: 20 }], 14)).toBe(1);
    expect(nearestIndex([{ x: 0 }, { x: 10 }, { x: 20 }], 16)).toBe(2);
  });
});
