// ECharts, tree-shaken: only what chiso draws. Loaded on demand with the first chart (EChart.vue),
// so the first bundle stays small; the theme lives in theme.ts.
import { use } from 'echarts/core';
import { BarChart, LineChart, ScatterChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, MarkLineComponent, LegendComponent, TitleComponent, AriaComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, ScatterChart, HeatmapChart, GridComponent, TooltipComponent, MarkLineComponent, LegendComponent, TitleComponent, AriaComponent, VisualMapComponent, CanvasRenderer, SVGRenderer]);
