// SVG charts as JSX text for the MDX docs page (camelCase attributes, text in currentColor so dark
// mode works): a cumulative distribution of recovery times, and a storm histogram per library.

/** Chart colour of each library. */
export const COLORS = {
  engine: '#2e8555',
  partysocket: '#d97706',
  'reconnecting-websocket': '#7c3aed',
  'socket.io-client': '#0284c7',
  phoenix: '#dc2626',
  ws: '#6b7280',
}

const W = 640
// The top strip holds the legend (distribution) or the library's name (storm).
const M = { left: 48, right: 12, top: 30, bottom: 34 }

/** A step of 1, 2 or 5 × 10^n giving about `target` ticks up to `max`. */
export function niceStep(max, target = 6) {
  const raw = max / target
  const power = 10 ** Math.floor(Math.log10(raw))
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power
  return 10 * power
}

const fmt = (n) => String(Number(n.toFixed(2)))

/** Axis lines, ticks and labels; x in seconds from `xMaxMs`, y from `yTicks`. */
function axes(h, xMaxMs, yTicks, yLabel, xLabel) {
  const inner = { w: W - M.left - M.right, h: h - M.top - M.bottom }
  const x = (ms) => M.left + (ms / xMaxMs) * inner.w
  const parts = []
  const step = niceStep(xMaxMs / 1000) * 1000
  for (let ms = 0; ms <= xMaxMs + 1e-9; ms += step) {
    parts.push(
      `<line x1="${fmt(x(ms))}" x2="${fmt(x(ms))}" y1="${M.top}" y2="${M.top + inner.h}" stroke="currentColor" strokeOpacity="0.12" />`,
      `<text x="${fmt(x(ms))}" y="${h - M.bottom + 16}" fontSize="11" textAnchor="middle" fill="currentColor">${fmt(ms / 1000)}</text>`,
    )
  }
  for (const { value, y } of yTicks) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${fmt(y)}" y2="${fmt(y)}" stroke="currentColor" strokeOpacity="0.12" />`,
      `<text x="${M.left - 6}" y="${fmt(y + 4)}" fontSize="11" textAnchor="end" fill="currentColor">${value}</text>`,
    )
  }
  parts.push(
    `<text x="${M.left + inner.w / 2}" y="${h - 4}" fontSize="11" textAnchor="middle" fill="currentColor">${xLabel}</text>`,
    `<text x="12" y="${M.top + inner.h / 2}" fontSize="11" textAnchor="middle" fill="currentColor" transform="rotate(-90 12 ${M.top + inner.h / 2})">${yLabel}</text>`,
  )
  return { parts, inner, x }
}

/**
 * Share of clients back (y, %) against seconds (x), one line per library, from 101 percentiles.
 * @param {{ title: string, xLabel: string, series: { id: string, label: string, quantilesMs: number[] }[] }} chart
 */
export function cdfChart({ title, xLabel, series }) {
  const h = 280
  const drawn = series.filter((s) => s.quantilesMs.length === 101)
  const maxMs = Math.max(1000, ...drawn.map((s) => s.quantilesMs[100]))
  const xMaxMs = Math.ceil(maxMs / (niceStep(maxMs / 1000) * 1000)) * niceStep(maxMs / 1000) * 1000
  const innerH = h - M.top - M.bottom
  const y = (pct) => M.top + innerH - (pct / 100) * innerH
  const { parts, x } = axes(
    h,
    xMaxMs,
    [0, 25, 50, 75, 100].map((v) => ({ value: `${v} %`, y: y(v) })),
    'clients back',
    xLabel,
  )
  drawn.forEach((s, i) => {
    const points = s.quantilesMs.map((ms, p) => `${fmt(x(ms))},${fmt(y(p))}`).join(' ')
    const color = COLORS[s.id] ?? '#888'
    parts.push(`<polyline points="${points}" fill="none" stroke="${color}" strokeWidth="2" />`)
    // Legend: one row in the top strip, entries as wide as their labels.
    const lx = M.left + drawn.slice(0, i).reduce((w, o) => w + 34 + o.label.length * 6.2, 0)
    parts.push(
      `<line x1="${fmt(lx)}" x2="${fmt(lx + 18)}" y1="10" y2="10" stroke="${color}" strokeWidth="3" />`,
      `<text x="${fmt(lx + 22)}" y="14" fontSize="11" fill="currentColor">${s.label}</text>`,
    )
  })
  return svg(title, h, parts)
}

/**
 * Connection attempts per 100 ms after the cut, one small chart per library, on one time scale.
 * @param {{ title: string, series: { id: string, label: string, note?: string, bins: number[] }[] }} chart
 */
export function stormCharts({ title, series }) {
  const longest = Math.max(10, ...series.map((s) => s.bins.length))
  const xMaxMs = longest * 100
  return series
    .map((s) => {
      const h = 150
      const innerH = h - M.top - M.bottom
      const yMax = Math.max(1, ...s.bins)
      const step = niceStep(yMax, 3)
      const top = Math.ceil(yMax / step) * step
      const y = (n) => M.top + innerH - (n / top) * innerH
      const ticks = []
      for (let v = 0; v <= top; v += step) ticks.push({ value: String(v), y: y(v) })
      const { parts, x } = axes(h, xMaxMs, ticks, 'per 100 ms', 's after the cut')
      const color = COLORS[s.id] ?? '#888'
      const barW = Math.max(1, x(100) - x(0) - 1)
      s.bins.forEach((n, i) => {
        if (n > 0)
          parts.push(
            `<rect x="${fmt(x(i * 100))}" y="${fmt(y(n))}" width="${fmt(barW)}" height="${fmt(y(0) - y(n))}" fill="${color}" />`,
          )
      })
      parts.push(
        `<text x="${M.left}" y="16" fontSize="12" fill="currentColor">${s.label}${s.note ? `: ${s.note}` : ''}</text>`,
      )
      return svg(`${title}: ${s.label}`, h, parts)
    })
    .join('\n\n')
}

/** @param {string} label @param {number} h @param {string[]} parts */
function svg(label, h, parts) {
  return [
    `<svg viewBox="0 0 ${W} ${h}" width="100%" role="img" aria-label="${label}">`,
    ...parts.map((p) => `  ${p}`),
    '</svg>',
  ].join('\n')
}
