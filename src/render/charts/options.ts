// Chart spec → ECharts option. Pure: no ECharts instance here, so the option
// each spec produces can be read in tests.

import type { EChartsOption } from "echarts";
import { formatPublishedCount, isSuppressed } from "../../domain/privacy/smallCells.js";
import { FONT_STACK } from "../fonts.js";
import {
  PALETTE,
  type BarChartSpec,
  type ChartSpec,
  type ChartValue,
  type LineChartSpec,
  type PieChartSpec,
  type RoundsChartSpec,
  type ScatterChartSpec,
  type ThresholdChartSpec,
  type ValueFormat,
} from "./spec.js";

const TEXT = "#222222";
const MUTED = "#666666";
const MET = "#009E73";
const NOT_MET = "#D55E00";

// One formatter for every label: toLocaleString builds a new one per call, and
// ECharts formats each label several times while it lays a chart out.
const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatCount(n: number): string {
  return COUNT.format(n);
}

export function formatShare(fraction: number): string {
  const percent = Math.round(fraction * 1000) / 10;
  return `${percent.toFixed(percent % 1 === 0 ? 0 : 1)}%`;
}

function formatValue(value: ChartValue, format: ValueFormat): string {
  if (value === null) return "";
  if (isSuppressed(value)) return formatPublishedCount(value);
  return format === "percent" ? formatShare(value) : formatCount(value);
}

function plain(value: ChartValue): number | null {
  if (value === null) return null;
  return isSuppressed(value) ? 0 : value;
}

function color(i: number, given?: string): string {
  return given ?? PALETTE[i % PALETTE.length]!;
}

/** Title, background, font: shared by every chart. */
function frame(spec: ChartSpec, topExtra = 0): EChartsOption & { grid: Record<string, unknown> } {
  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: FONT_STACK, color: TEXT },
    title: {
      text: spec.title,
      subtext: spec.subtitle ?? "",
      left: "center",
      top: 10,
      textStyle: { fontFamily: FONT_STACK, fontSize: 18, fontWeight: "bold", color: TEXT },
      subtextStyle: { fontFamily: FONT_STACK, fontSize: 12, color: MUTED },
    },
    grid: { left: 24, right: 40, top: (spec.subtitle ? 78 : 58) + topExtra, bottom: 30, containLabel: true },
  };
}

function legend(names: readonly string[], top: number): EChartsOption["legend"] {
  return { data: [...names], top, left: "center", textStyle: { fontFamily: FONT_STACK, color: TEXT }, itemWidth: 14, itemHeight: 10 };
}

const TEXT_AXIS_LABEL = { fontFamily: FONT_STACK, color: TEXT };

function valueAxisLabel(format: ValueFormat) {
  return { fontFamily: FONT_STACK, color: TEXT, formatter: (v: number) => (format === "percent" ? formatShare(v) : formatCount(v)) };
}

function barOption(spec: BarChartSpec): EChartsOption {
  const horizontal = spec.orientation === "horizontal";
  const format = spec.valueFormat ?? "count";
  const named = spec.series.filter((s) => s.name).map((s) => s.name!);
  const withLegend = named.length > 1;
  const base = frame(spec, withLegend ? 26 : 0);
  const categoryAxis = {
    type: "category" as const,
    data: [...spec.categories],
    inverse: horizontal, // first category on top, as read
    axisLabel: { ...TEXT_AXIS_LABEL, width: horizontal ? 180 : undefined, overflow: horizontal ? ("break" as const) : undefined, interval: 0 },
    axisTick: { show: false },
  };
  const valueAxis = {
    type: "value" as const,
    name: spec.valueAxisName ?? "",
    nameTextStyle: { fontFamily: FONT_STACK, color: MUTED },
    ...(format === "percent" ? { max: spec.stacked ? undefined : 1 } : {}),
    minInterval: format === "count" ? 1 : undefined,
    axisLabel: valueAxisLabel(format),
    splitLine: { lineStyle: { color: "#e5e5e5" } },
  };
  return {
    ...base,
    color: spec.series.map((s, i) => color(i, s.color)),
    ...(withLegend ? { legend: legend(named, spec.subtitle ? 58 : 38) } : {}),
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s, i) => ({
      type: "bar" as const,
      name: s.name ?? "",
      stack: spec.stacked ? "total" : undefined,
      barMaxWidth: 48,
      itemStyle: { color: color(i, s.color) },
      // A withheld count draws no bar; its mark is written in dark text with a
      // white halo, readable on any neighbouring bar.
      data: s.values.map((v) =>
        isSuppressed(v)
          ? {
              value: 0,
              label: {
                show: true,
                position: spec.stacked ? (horizontal ? ("insideLeft" as const) : ("insideBottom" as const)) : horizontal ? ("right" as const) : ("top" as const),
                color: TEXT,
                textBorderColor: "#ffffff",
                textBorderWidth: 3,
                fontWeight: "bold" as const,
              },
            }
          : plain(v),
      ),
      label: {
        show: true,
        position: spec.stacked ? ("inside" as const) : horizontal ? ("right" as const) : ("top" as const),
        fontFamily: FONT_STACK,
        color: spec.stacked ? "#ffffff" : TEXT,
        formatter: (p: { dataIndex: number }) => formatValue(s.values[p.dataIndex] ?? null, format),
      },
    })),
  };
}

function thresholdOption(spec: ThresholdChartSpec): EChartsOption {
  const met = spec.bars.map((b) => b.met ?? b.value >= b.threshold.value);
  const base = frame(spec, spec.legend ? 26 : 0);
  const legendNames = spec.legend ? [spec.legend.met, spec.legend.notMet] : [];
  return {
    ...base,
    grid: { ...base.grid, right: 70 },
    ...(spec.legend ? { legend: legend(legendNames, spec.subtitle ? 58 : 38) } : {}),
    xAxis: { type: "value", min: 0, max: 1, axisLabel: valueAxisLabel("percent"), splitLine: { lineStyle: { color: "#e5e5e5" } } },
    yAxis: {
      type: "category",
      inverse: true,
      data: spec.bars.map((b) => b.label),
      axisLabel: { ...TEXT_AXIS_LABEL, width: 200, overflow: "break", interval: 0 },
      axisTick: { show: false },
    },
    series: [
      // One series per legend entry, so the legend's colours are the bars' colours.
      ...[true, false].map((wanted) => ({
        type: "bar" as const,
        name: spec.legend ? (wanted ? spec.legend.met : spec.legend.notMet) : "",
        stack: "bars",
        barMaxWidth: 40,
        itemStyle: { color: wanted ? MET : NOT_MET },
        data: spec.bars.map((b, i) => (met[i] === wanted ? b.value : null)),
        label: {
          show: true,
          position: "insideLeft" as const,
          color: "#ffffff",
          fontFamily: FONT_STACK,
          fontWeight: "bold" as const,
          formatter: (p: { dataIndex: number }) => (met[p.dataIndex] === wanted ? formatShare(spec.bars[p.dataIndex]!.value) : ""),
        },
      })),
      {
        // The thresholds: a dark tick across each bar, labelled ("2/3").
        type: "scatter" as const,
        name: "",
        symbol: "rect",
        symbolSize: [4, 44],
        itemStyle: { color: TEXT },
        z: 10,
        data: spec.bars.map((b, i) => [b.threshold.value, i]),
        label: {
          show: true,
          position: "top" as const,
          distance: 2,
          fontFamily: FONT_STACK,
          color: TEXT,
          fontWeight: "bold" as const,
          formatter: (p: { dataIndex: number }) => spec.bars[p.dataIndex]!.threshold.label,
        },
      },
    ],
  };
}

function roundsOption(spec: RoundsChartSpec): EChartsOption {
  const base = frame(spec, 26);
  const series: NonNullable<EChartsOption["series"]> = spec.options.map((o, i) => ({
    type: "bar" as const,
    name: o.name,
    barMaxWidth: 40,
    itemStyle: { color: color(i, o.color) },
    data: o.votes.map((v) => v),
    label: {
      show: true,
      position: "top" as const,
      fontFamily: FONT_STACK,
      color: TEXT,
      formatter: (p: { dataIndex: number }) => {
        const v = o.votes[p.dataIndex];
        return v === null || v === undefined ? "" : formatCount(v);
      },
    },
  }));
  if (spec.threshold) {
    series.push({
      type: "line" as const,
      name: spec.threshold.label,
      data: [...spec.threshold.values],
      symbol: "none",
      lineStyle: { type: "dashed", color: TEXT, width: 2 },
      itemStyle: { color: TEXT },
      step: "middle",
    });
  }
  const names = [...spec.options.map((o) => o.name), ...(spec.threshold ? [spec.threshold.label] : [])];
  return {
    ...base,
    legend: legend(names, spec.subtitle ? 58 : 38),
    xAxis: { type: "category", data: [...spec.rounds], axisLabel: { ...TEXT_AXIS_LABEL, interval: 0 }, axisTick: { show: false } },
    yAxis: { type: "value", minInterval: 1, axisLabel: valueAxisLabel("count"), splitLine: { lineStyle: { color: "#e5e5e5" } } },
    series,
  };
}

/** A scatter group's colour, as its points and legend entry are painted. */
export const groupColor = (spec: ScatterChartSpec, i: number): string => color(i, spec.groups[i]!.color);

/** A scatter group with this many points or more is drawn as one path. */
export const LARGE_GROUP = 1500;

export const isLargeGroup = (group: ScatterChartSpec["groups"][number]): boolean => group.points.length >= LARGE_GROUP;

/** The points' diameter in SVG pixels: smaller the more there are. */
export function scatterSymbolSize(spec: ScatterChartSpec): number {
  const count = spec.groups.reduce((n, g) => n + g.points.length, 0);
  return count > 2000 ? 3 : count > 300 ? 5 : 8;
}

export interface OptionChoices {
  /**
   * Scatter groups of LARGE_GROUP points or more are left for the caller to
   * draw: each gets one point, so ECharts writes one path for the group
   * (render.ts writes the group's points into it).
   */
  readonly drawLargeGroups?: boolean;
}

function scatterOption(spec: ScatterChartSpec, options: OptionChoices): EChartsOption {
  const base = frame(spec, 26);
  const centroid = (points: readonly (readonly [number, number])[]): [number, number] => {
    let x = 0;
    let y = 0;
    for (const p of points) {
      x += p[0];
      y += p[1];
    }
    return points.length === 0 ? [0, 0] : [x / points.length, y / points.length];
  };
  const all = spec.groups.flatMap((g) => g.points);
  const extent = (axis: 0 | 1) => {
    let lo = 0;
    let hi = 0;
    for (const p of all) {
      lo = Math.min(lo, p[axis]);
      hi = Math.max(hi, p[axis]);
    }
    const pad = (hi - lo) * 0.08 || 1;
    return { min: lo - pad, max: hi + pad };
  };
  const hiddenAxis = (axis: 0 | 1) => ({
    type: "value" as const,
    ...extent(axis),
    axisLabel: { show: false },
    axisTick: { show: false },
    splitLine: { show: false },
    axisLine: { show: true, onZero: true, lineStyle: { color: "#cccccc" } },
  });
  const symbolSize = scatterSymbolSize(spec);
  const points = spec.groups.map((g, i) => {
    // A group drawn later (drawLargeGroups) gives ECharts only its first point, as one path to fill in.
    const later = options.drawLargeGroups === true && isLargeGroup(g);
    return {
      type: "scatter" as const,
      name: g.label,
      symbolSize,
      itemStyle: { color: groupColor(spec, i), opacity: 0.7 },
      data: (later ? g.points.slice(0, 1) : g.points).map((p) => [p[0], p[1]]),
      silent: true,
      // Thousands of points: one path instead of one element each (smaller SVG, faster).
      large: true,
      largeThreshold: later ? 1 : LARGE_GROUP,
    };
  });
  const labels = {
    type: "scatter" as const,
    name: "",
    symbolSize: 0,
    silent: true,
    z: 20,
    data: spec.groups.filter((g) => g.points.length > 0).map((g) => centroid(g.points)),
    label: {
      show: true,
      position: "inside" as const,
      fontFamily: FONT_STACK,
      fontSize: 18,
      fontWeight: "bold" as const,
      color: TEXT,
      backgroundColor: "rgba(255,255,255,0.85)",
      borderColor: TEXT,
      borderWidth: 1,
      borderRadius: 4,
      padding: [3, 7],
      formatter: (p: { dataIndex: number }) => spec.groups.filter((g) => g.points.length > 0)[p.dataIndex]!.label,
    },
  };
  return {
    ...base,
    grid: { ...base.grid, left: 30, right: 30 },
    legend: legend(
      spec.groups.map((g) => g.label),
      spec.subtitle ? 58 : 38,
    ),
    xAxis: hiddenAxis(0),
    yAxis: hiddenAxis(1),
    series: [...points, labels],
  };
}

function lineOption(spec: LineChartSpec): EChartsOption {
  const format = spec.valueFormat ?? "count";
  const withLegend = spec.series.length > 1;
  const base = frame(spec, withLegend ? 26 : 0);
  return {
    ...base,
    ...(withLegend ? { legend: legend(spec.series.map((s) => s.name), spec.subtitle ? 58 : 38) } : {}),
    xAxis: { type: "category", data: [...spec.categories], boundaryGap: false, axisLabel: TEXT_AXIS_LABEL },
    yAxis: {
      type: "value",
      ...(format === "percent" ? { min: 0, max: 1 } : { minInterval: 1 }),
      axisLabel: valueAxisLabel(format),
      splitLine: { lineStyle: { color: "#e5e5e5" } },
    },
    series: spec.series.map((s, i) => ({
      type: "line" as const,
      name: s.name,
      data: [...s.values],
      connectNulls: false,
      symbol: "circle",
      symbolSize: 7,
      lineStyle: { width: 3, color: color(i, s.color) },
      itemStyle: { color: color(i, s.color) },
      label: {
        show: s.values.length <= 16,
        position: "top" as const,
        fontFamily: FONT_STACK,
        color: TEXT,
        formatter: (p: { dataIndex: number }) => formatValue(s.values[p.dataIndex] ?? null, format),
      },
    })),
  };
}

function pieOption(spec: PieChartSpec): EChartsOption {
  const base = frame(spec);
  const total = spec.slices.reduce((a, s) => a + s.value, 0);
  return {
    ...base,
    color: spec.slices.map((s, i) => color(i, s.color)),
    series: [
      {
        type: "pie",
        radius: ["30%", "62%"],
        center: ["50%", "58%"],
        data: spec.slices.map((s, i) => ({ name: s.label, value: s.value, itemStyle: { color: color(i, s.color) } })),
        label: {
          fontFamily: FONT_STACK,
          color: TEXT,
          formatter: (p: { dataIndex: number }) => {
            const s = spec.slices[p.dataIndex]!;
            return `${s.label}\n${formatCount(s.value)} (${formatShare(total === 0 ? 0 : s.value / total)})`;
          },
        },
        labelLine: { show: true },
      },
    ],
  };
}

export function chartOption(spec: ChartSpec, options: OptionChoices = {}): EChartsOption {
  switch (spec.kind) {
    case "bar":
      return barOption(spec);
    case "thresholds":
      return thresholdOption(spec);
    case "rounds":
      return roundsOption(spec);
    case "scatter":
      return scatterOption(spec, options);
    case "line":
      return lineOption(spec);
    case "pie":
      return pieOption(spec);
  }
}
