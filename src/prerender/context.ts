// What the server render hands to components through Vue's SSR context (useSSRContext): a chart draws
// its option to SVG in Node and gets the path of the file the build writes.
export interface PrerenderContext {
  drawChart(option: unknown, label: string, height: string, width: number): string;
}
