// What a chart shows, as plain data. Every word (titles, labels, legend names)
// comes from the caller in the reader's language; the chart adds none of its
// own, so the same spec type serves zh and en.

import type { SuppressedCount } from "../../domain/privacy/smallCells.js";

/** A bar's value: a number, a withheld count (drawn as an empty bar labelled "<5" / "*"), or no value. */
export type ChartValue = number | SuppressedCount | null;

/** How values are labelled: counts as 1,234; shares (0–1) as 66.7%. */
export type ValueFormat = "count" | "percent";

export interface ChartFrame {
  readonly title: string;
  readonly subtitle?: string;
  /** SVG size in CSS pixels (default 800 × 500; horizontal bars grow 30 px a bar beyond 12 bars). */
  readonly width?: number;
  readonly height?: number;
  /** PNG pixels per SVG pixel (default 2, so Telegram shows it crisp). */
  readonly scale?: number;
}

export interface BarSeries {
  readonly name?: string;
  readonly values: readonly ChartValue[];
  readonly color?: string;
}

/** Poll results, participation by building, a 1–5 scale's distribution. */
export interface BarChartSpec extends ChartFrame {
  readonly kind: "bar";
  /** "horizontal" suits long labels (poll options, buildings); default "vertical". */
  readonly orientation?: "vertical" | "horizontal";
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly stacked?: boolean;
  readonly valueFormat?: ValueFormat;
  readonly valueAxisName?: string;
}

/** Art. 278 (or any rule): fractions (0–1), each against its own threshold. */
export interface ThresholdChartSpec extends ChartFrame {
  readonly kind: "thresholds";
  readonly bars: readonly {
    readonly label: string;
    /** 0–1 */
    readonly value: number;
    readonly threshold: { readonly value: number; readonly label: string };
    /** Whether the bar meets its threshold; default value ≥ threshold (give it when exact fractions decide). */
    readonly met?: boolean;
  }[];
  /** Legend words for met / not met bars. */
  readonly legend?: { readonly met: string; readonly notMet: string };
}

/** Ranked-choice (instant-runoff) rounds: each option's votes per round; null once eliminated. */
export interface RoundsChartSpec extends ChartFrame {
  readonly kind: "rounds";
  readonly rounds: readonly string[];
  readonly options: readonly { readonly name: string; readonly votes: readonly (number | null)[]; readonly color?: string }[];
  /** A threshold line (e.g. the majority needed), in votes, per round or one for all. */
  readonly threshold?: { readonly label: string; readonly values: readonly number[] };
}

/** Participants as points in the PCA plane, coloured by opinion group, each group's label at its centre. No ids. */
export interface ScatterChartSpec extends ChartFrame {
  readonly kind: "scatter";
  readonly groups: readonly {
    readonly label: string;
    readonly points: readonly (readonly [number, number])[];
    readonly color?: string;
  }[];
}

/** Turnout over time and similar. */
export interface LineChartSpec extends ChartFrame {
  readonly kind: "line";
  readonly categories: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[]; readonly color?: string }[];
  readonly valueFormat?: ValueFormat;
}

/** Shares of a whole (consultations by status). */
export interface PieChartSpec extends ChartFrame {
  readonly kind: "pie";
  readonly slices: readonly { readonly label: string; readonly value: number; readonly color?: string }[];
}

export type ChartSpec = BarChartSpec | ThresholdChartSpec | RoundsChartSpec | ScatterChartSpec | LineChartSpec | PieChartSpec;

export const DEFAULT_CHART_WIDTH = 800;
export const DEFAULT_CHART_HEIGHT = 500;
export const DEFAULT_CHART_SCALE = 2;

/** Okabe–Ito: tells groups apart for colour-blind readers too, and in greyscale print. */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#000000", "#F0E442"] as const;
