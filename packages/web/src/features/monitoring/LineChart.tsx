import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart as ELine } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { fmtTime } from '../../lib/time';

// Only what the point chart draws (no map), so this chunk stays small.
echarts.use([
  ELine,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type LineOption = Parameters<echarts.ECharts['setOption']>[0];

const at = (ms: number, pattern: string) => fmtTime(new Date(ms).toISOString(), pattern);

/**
 * A time x-axis labelled in Beijing time whatever the browser's zone (ECharts formats in local time):
 * hours and minutes, with the date where a label falls on midnight or the span is longer than a day.
 */
export function shanghaiTimeAxis(spanHours: number) {
  return {
    type: 'time' as const,
    axisLabel: {
      hideOverlap: true,
      formatter: (v: number) => {
        const hm = at(v, 'HH:mm');
        return spanHours > 24 || hm === '00:00' ? at(v, 'MM-DD HH:mm') : hm;
      },
    },
    axisPointer: { label: { formatter: (p: { value: unknown }) => at(Number(p.value), 'MM-DD HH:mm') } },
  };
}

const esc = (x: string) => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The axis tooltip: the Beijing time of the point, then each series shown in the tooltip with its value,
 * then `extra` lines for the bucket under the pointer (plain text, escaped here).
 */
export function shanghaiAxisTooltip(format: (v: number) => string, extra?: (dataIndex: number) => string[]) {
  return {
    trigger: 'axis' as const,
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as Array<{
        value: [number, number];
        dataIndex: number;
        seriesName: string;
        marker: string;
      }>;
      const first = list[0];
      if (!first) return '';
      return [
        esc(at(first.value[0], 'YYYY-MM-DD HH:mm')),
        ...list.map((p) => `${p.marker}${esc(p.seriesName)}&nbsp;&nbsp;<b>${esc(format(p.value[1]))}</b>`),
        ...(extra?.(first.dataIndex) ?? []).map(esc),
      ].join('<br/>');
    },
  };
}

/** One ECharts instance bound to a div: resized with its box, disposed on unmount. */
export function LineChart({ option, height = 360 }: { option: LineOption; height?: number }) {
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
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid="point-chart" role="img" />;
}
