import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ordosGeo from './ordos.geo.json';

// Only the charts the dashboard draws, so the chunk stays small.
echarts.use([
  BarChart,
  LineChart,
  GaugeChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export const ORDOS_MAP = 'ordos';
echarts.registerMap(ORDOS_MAP, ordosGeo as unknown as Parameters<typeof echarts.registerMap>[1]);

export type EChartsOption = Parameters<echarts.ECharts['setOption']>[0];

interface Props {
  option: EChartsOption;
  height?: number;
  testId?: string;
  onClick?: (params: { name?: string; data?: unknown }) => void;
}

/** One ECharts instance bound to a div: resized with its box, disposed on unmount. */
export function EChart({ option, height = 300, testId, onClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as { name?: string; data?: unknown }));
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

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} role="img" />;
}
