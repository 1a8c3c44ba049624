import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { fmtTime } from '../../lib/time';

// Only what a sparkline draws, so the permit page's chunk stays small.
echarts.use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface SparkLine {
  value: number;
  color: string;
}

interface Props {
  /** [epoch ms, value], oldest first. */
  data: Array<[number, number]>;
  color: string;
  /** Threshold lines drawn dashed across the chart (each in its level's colour). */
  lines?: SparkLine[];
  /** The x range: the whole window even while only part of it has data. */
  from: number;
  to: number;
  format: (v: number) => string;
  height?: number;
}

const esc = (x: string) => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small line of the last readings: no axes, the thresholds dashed, the Beijing time in the tooltip. */
export function GasSparkline({ data, color, lines = [], from, to, format, height = 44 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const values = data.map((d) => d[1]);
    if (values.length === 0) {
      chart.current?.clear();
      return;
    }
    // The y range holds the data and any threshold near it, so a line just above the values shows.
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const span = Math.max(hi - lo, Math.abs(hi) * 0.05, 0.1);
    const near = lines.filter((l) => l.value >= lo - span && l.value <= hi + span).map((l) => l.value);
    const min = Math.min(lo, ...near);
    const max = Math.max(hi, ...near);
    const pad = Math.max((max - min) * 0.15, 0.05);
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 2, right: 2, top: 4, bottom: 2 },
        xAxis: { type: 'time', show: false, min: from, max: to },
        yAxis: { type: 'value', show: false, min: min - pad, max: max + pad, scale: true },
        tooltip: {
          trigger: 'axis',
          confine: true,
          axisPointer: { type: 'line', lineStyle: { color: '#bfbfbf' } },
          formatter: (params: unknown) => {
            const p = (Array.isArray(params) ? params[0] : params) as { value: [number, number] } | undefined;
            if (!p) return '';
            return `${esc(fmtTime(new Date(p.value[0]).toISOString(), 'MM-DD HH:mm'))}<br/><b>${esc(format(p.value[1]))}</b>`;
          },
        },
        series: [
          {
            type: 'line',
            data,
            showSymbol: data.length < 3,
            symbolSize: 4,
            lineStyle: { width: 1.5, color },
            itemStyle: { color },
            areaStyle: { color, opacity: 0.08 },
            markLine: {
              silent: true,
              symbol: 'none',
              label: { show: false },
              data: lines.map((l) => ({
                yAxis: l.value,
                lineStyle: { color: l.color, type: 'dashed', width: 1, opacity: 0.8 },
              })),
            },
          },
        ],
      },
      true,
    );
  }, [data, color, lines, from, to, format]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid="gas-sparkline" />;
}
