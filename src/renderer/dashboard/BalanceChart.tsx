import { useId, useState } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { formatAmount, formatDay } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';
import { walletName } from '../payments/payment-facts';
import { CURRENCY_DIGITS, isCurrency } from '../../shared/money';
import { chartAxis, chartGeometry, nearestIndex } from './chart-geometry';
import { useTranslation } from 'react-i18next';

const HEIGHT = 220;
/** Left padding is sized to the widest amount label at render time. */
const PADDING = { top: 16, right: 16, bottom: 28 };
/** Approximate width (px) of one character of an 11 px tabular label. */
const LABEL_CHAR_PX = 6.8;

/**
 * Balance over time as an inline SVG area chart. The aria-label says what it shows in words (range,
 * first and last value, high and low); the hover read-out is extra for pointer users.
 */
export function BalanceChart({
  wallet,
  points,
  days,
}: {
  wallet: WalletView;
  points: readonly { date: string; balance: number }[];
  days: number;
}) {
  const { t } = useTranslation('dashboard');
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const [hover, setHover] = useState<number | null>(null);
  const fillId = `chart-fill-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const values = points.map((p) => p.balance);
  const money = (value: number) => formatAmount(value, wallet.currency);
  // A wallet flat at zero is drawn against 0 … one major unit ($1.00, ₫1), in whole minor units.
  const unit = isCurrency(wallet.currency) ? 10 ** CURRENCY_DIGITS[wallet.currency] : 1;
  const axis = chartAxis(values, unit);
  const widest = Math.max(...axis.ticks.map((value) => money(value).length));
  const padding = { ...PADDING, left: Math.round(widest * LABEL_CHAR_PX + 18) };
  const geometry = chartGeometry(values, { width, height: HEIGHT, padding }, axis);
  const first = points[0];
  const last = points.at(-1);
  const label =
    first && last
      ? t('chartSummary', {
          wallet: walletName(wallet),
          count: days,
          first: money(first.balance),
          firstDay: formatDay(first.date),
          last: money(last.balance),
          lastDay: formatDay(last.date),
          highest: money(Math.max(...values)),
          lowest: money(Math.min(...values)),
        })
      : t('chartNoHistory', { count: days });
  const hovered = hover === null ? null : (points[hover] ?? null);
  const hoveredPoint = hover === null ? null : (geometry.points[hover] ?? null);
  const xLabels = points.length > 0 ? [0, Math.floor((points.length - 1) / 2), points.length - 1] : [];

  return (
    <div className="chart" ref={ref}>
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        onPointerMove={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          if (geometry.points.length > 0) setHover(nearestIndex(geometry.points, event.clientX - rect.left));
        }}
        onPointerLeave={() => setHover(null)}
      >
        <defs>
          <linearGradient id={fillId} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor="var(--chart-line)" stopOpacity="0.28" />
            <stop offset="100%" stopColor="var(--chart-line)" stopOpacity="0" />
          </linearGradient>
        </defs>
        {geometry.yTicks.map((tick) => (
          <g key={tick.value} className="chart-grid">
            <line x1={padding.left} x2={width - padding.right} y1={tick.y} y2={tick.y} />
            <text x={padding.left - 10} y={tick.y} dy="0.32em" textAnchor="end">
              {money(tick.value)}
            </text>
          </g>
        ))}
        {xLabels.map((index, i) => {
          const point = geometry.points[index];
          const day = points[index];
          if (!point || !day) return null;
          return (
            <text
              key={`${index}-${i}`}
              className="chart-axis"
              x={point.x}
              y={HEIGHT - 8}
              textAnchor={i === 0 ? 'start' : i === xLabels.length - 1 ? 'end' : 'middle'}
            >
              {formatDay(day.date)}
            </text>
          );
        })}
        <path className="chart-area" d={geometry.area} fill={`url(#${fillId})`} />
        <path className="chart-line" d={geometry.line} />
        {hoveredPoint && (
          <g className="chart-hover">
            <line x1={hoveredPoint.x} x2={hoveredPoint.x} y1={padding.top} y2={HEIGHT - padding.bottom} />
            <circle cx={hoveredPoint.x} cy={hoveredPoint.y} r={4} />
          </g>
        )}
      </svg>
      {hovered && hoveredPoint && (
        <div
          className="chart-tooltip"
          aria-hidden="true"
          style={{
            left: Math.min(Math.max(hoveredPoint.x, 70), width - 70),
            top: Math.max(hoveredPoint.y - 52, 0),
          }}
        >
          <span className="muted">{formatDay(hovered.date, undefined, true)}</span>
          <strong className="money">{money(hovered.balance)}</strong>
        </div>
      )}
    </div>
  );
}
