/** @jsxImportSource hono/jsx */
/**
 * Horizontal bar charts drawn on the server as SVG: they show without JavaScript, print, and fit any width
 * (bar lengths are percentages of the chart's width; the text keeps its size, on its own line above each
 * bar). Each bar has a <title> for the pointer; the page's tables beside carry the same figures.
 */

export interface BarSeries {
  label: string;
  /** A fill colour (an attribute, allowed by the CSP; no inline style). */
  color: string;
}

export interface BarRow {
  label: string;
  /** One value per series, stacked left to right. */
  values: number[];
}

const ROW = 38;
const BAR = 14;
/** Bars use at most this share of the width, so the longest stays clear of the edge. */
const SPAN = 96;

function percent(value: number): string {
  return `${value.toFixed(2)}%`;
}

/** A stacked horizontal bar chart with its legend (when more than one series) and a caption. */
export function BarChart(props: {
  id: string;
  caption: string;
  unit: string;
  series: BarSeries[];
  rows: BarRow[];
}) {
  const totals = props.rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const height = props.rows.length * ROW + 4;
  return (
    <figure class="bar-chart" id={props.id}>
      <figcaption>{props.caption}</figcaption>
      {props.series.length > 1 ? (
        <ul class="legend">
          {props.series.map((s) => (
            <li>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill={s.color} />
              </svg>{" "}
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <svg
        width="100%"
        height={height}
        role="img"
        aria-label={`${props.caption}：${props.rows.map((r, i) => `${r.label} ${totals[i]} ${props.unit}`).join("，")}`}
      >
        {props.rows.map((row, i) => {
          const y = i * ROW;
          let start = 0;
          return (
            <g>
              <text x="0" y={y + 14} font-size="13" fill="#333">
                {`${row.label}　${totals[i]} ${props.unit}`}
              </text>
              <rect x="0" y={y + 19} width={percent(SPAN)} height={BAR} fill="#f1f1f1" />
              {row.values.map((value, s) => {
                const x = start;
                const width = (value / max) * SPAN;
                start += width;
                if (value === 0) return null;
                const series = props.series[s]!;
                return (
                  <rect x={percent(x)} y={y + 19} width={percent(width)} height={BAR} fill={series.color}>
                    <title>{`${row.label} · ${series.label}：${value} ${props.unit}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
