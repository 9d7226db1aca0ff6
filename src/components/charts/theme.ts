// The one look of every chart, free of ECharts itself so importing it costs nothing.
/** Colour-blind-safe palette (Okabe–Ito), with status colours that also differ in lightness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const STATUS_COLOURS = { met: '#00703c', missed: '#b42318', none: '#6f777b' } as const;

export const BASE_OPTION = {
  color: PALETTE,
  textStyle: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif", color: '#0b0c0c' },
  animation: false,
  aria: { enabled: true },
};
