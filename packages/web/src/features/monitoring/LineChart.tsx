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
