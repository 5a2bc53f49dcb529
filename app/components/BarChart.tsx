import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import { useId } from "react";

export interface BarSeries {
  key: string;
  label: string;
  /** A CSS colour; Polaris tokens work (var(--p-color-…)). */
  color: string;
}

export interface BarGroup {
  label: string;
  /** Values per series key. */
  values: Record<string, number>;
  /** What a screen reader (and the tooltip) says for this bar. */
  description: string;
}

const HEIGHT = 160;
const BAR_WIDTH = 18;
const GAP = 10;
const AXIS = 22;
const VISUALLY_HIDDEN = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;

/**
 * A small stacked bar chart in plain SVG: no chart library, server-rendered, and accessible —
 * the figure has a summary, every bar a title, and the numbers are in a table for screen
 * readers.
 */
export function BarChart({
  groups,
  series,
  summary,
}: {
  groups: BarGroup[];
  series: BarSeries[];
  summary: string;
}) {
  const id = useId();
  const totals = groups.map((group) => series.reduce((sum, s) => sum + (group.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const width = groups.length * (BAR_WIDTH + GAP) + GAP;
  const scale = (value: number) => (value / max) * (HEIGHT - AXIS - 8);
  // Counted back from the newest bar, so today always has its label.
  const labelEvery = groups.length > 16 ? 5 : groups.length > 8 ? 2 : 1;
  return (
    <BlockStack gap="200">
      <div style={{ overflowX: "auto" }}>
        <svg
          role="img"
          aria-labelledby={`${id}-summary`}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          width="100%"
          height={HEIGHT}
          preserveAspectRatio="none"
          data-testid="bar-chart"
        >
          <title id={`${id}-summary`}>{summary}</title>
          <line
            x1={0}
            x2={width}
            y1={HEIGHT - AXIS}
            y2={HEIGHT - AXIS}
            stroke="var(--p-color-border)"
            strokeWidth={1}
          />
          {groups.map((group, index) => {
            const x = GAP + index * (BAR_WIDTH + GAP);
            let y = HEIGHT - AXIS;
            return (
              <g key={group.label} data-bar={group.label}>
                <title>{group.description}</title>
                {series.map((s) => {
                  const value = group.values[s.key] ?? 0;
                  const height = scale(value);
                  y -= height;
                  return value > 0 ? (
                    <rect key={s.key} x={x} y={y} width={BAR_WIDTH} height={height} fill={s.color} rx={2} />
                  ) : null;
                })}
                {(groups.length - 1 - index) % labelEvery === 0 ? (
                  <text
                    x={x + BAR_WIDTH / 2}
                    y={HEIGHT - 6}
                    textAnchor="middle"
                    fontSize={9}
                    fill="var(--p-color-text-secondary)"
                  >
                    {group.label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <InlineStack gap="400">
        {series.map((s) => (
          <InlineStack key={s.key} gap="100" blockAlign="center">
            <span
              aria-hidden
              style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: s.color }}
            />
            <Text as="span" variant="bodySm">
              {s.label}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
      <div style={VISUALLY_HIDDEN}>
        <table>
          <thead>
            <tr>
              <th scope="col" />
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.label}>
                <th scope="row">{group.label}</th>
                {series.map((s) => (
                  <td key={s.key}>{group.values[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </BlockStack>
  );
}
