// The opinion map's large groups, written into ECharts' SVG. Thousands of
// points cost ECharts far more than they need: it copies the data, lays every
// point out and writes each circle through zrender's path builder (most of a
// 10,000-point map's SVG time). So a large group is handed to ECharts as its
// first point only (options.ts, drawLargeGroups): ECharts still places the
// group's one path where it belongs (above the axes, below the labels) and the
// legend, and this fills that path with every point of the group, mapped
// through the grid's own data → pixel conversion, as the same circles.

import { groupColor, isLargeGroup, scatterSymbolSize } from "./options.js";
import type { ScatterChartSpec } from "./spec.js";

/** Data coordinates → SVG pixels (ECharts' convertToPixel on the chart's grid). */
export type ToPixel = (point: [number, number]) => readonly number[] | undefined;

const tenth = (n: number) => Math.round(n * 10) / 10;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every point as a circle of radius r: two half arcs from its left edge. */
function circles(points: readonly (readonly [number, number])[], r: number, x0: number, kx: number, y0: number, ky: number): string {
  const d = tenth(2 * r);
  const arcs = `a${r} ${r} 0 1 0 ${d} 0a${r} ${r} 0 1 0 ${-d} 0`;
  let path = "";
  for (const p of points) path += `M${tenth(x0 + kx * p[0] - r)} ${tenth(y0 + ky * p[1])}${arcs}`;
  return path;
}

/**
 * The SVG with each large group's one-point path drawn with all its points,
 * or null when a group's path is not where it should be (the caller then lets
 * ECharts draw every point).
 */
export function drawLargeGroups(svg: string, spec: ScatterChartSpec, toPixel: ToPixel): string | null {
  const origin = toPixel([0, 0]);
  const unitX = toPixel([1, 0]);
  const unitY = toPixel([0, 1]);
  if (!origin || !unitX || !unitY) return null;
  const [x0, y0] = [origin[0]!, origin[1]!];
  const kx = unitX[0]! - x0;
  const ky = unitY[1]! - y0;
  if (![x0, y0, kx, ky].every(Number.isFinite) || unitX[1] !== y0 || unitY[0] !== x0) return null;
  const r = scatterSymbolSize(spec) / 2;

  const parts: string[] = [];
  let from = 0;
  for (const [i, group] of spec.groups.entries()) {
    if (!isLargeGroup(group)) continue;
    // ECharts' path for the group: one circle (one "M"), no transform, the group's paint.
    const groupPath = new RegExp(`<path d="(M[^"M]*)" fill="${escapeRegExp(groupColor(spec, i))}" fill-opacity="0\\.7" class="`, "g");
    groupPath.lastIndex = from;
    const found = groupPath.exec(svg);
    if (!found) return null;
    const start = found.index + '<path d="'.length;
    parts.push(svg.slice(from, start), circles(group.points, r, x0, kx, y0, ky));
    from = start + found[1]!.length;
  }
  parts.push(svg.slice(from));
  return parts.join("");
}
