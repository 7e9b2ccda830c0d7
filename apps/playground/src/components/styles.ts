/**
 * The playground's styles, rendered in a `<style>` element by the component so that it looks the same
 * in the standalone app and inside the docs with no CSS import to configure. Every class starts with
 * `ccp-`; colours inherit, so light and dark themes both work.
 */
export const PLAYGROUND_CSS = `
.ccp { --ccp-ok: #1a7f37; --ccp-warn: #9a6700; --ccp-bad: #cf222e; --ccp-line: color-mix(in srgb, currentColor 22%, transparent);
  font: 14px/1.45 system-ui, sans-serif; display: grid; gap: 12px; }
.ccp h3 { font-size: 15px; margin: 0 0 8px; }
.ccp button { font: inherit; padding: 4px 10px; border: 1px solid var(--ccp-line); border-radius: 6px; background: transparent; color: inherit; cursor: pointer; }
.ccp button:hover:not(:disabled) { background: color-mix(in srgb, currentColor 8%, transparent); }
.ccp button:disabled { opacity: .45; cursor: not-allowed; }
.ccp button:focus-visible, .ccp input:focus-visible, .ccp select:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.ccp input, .ccp select { font: inherit; padding: 3px 6px; border: 1px solid var(--ccp-line); border-radius: 6px; background: transparent; color: inherit; }
.ccp input[type=number] { width: 7em; }
.ccp input[aria-invalid=true] { border-color: var(--ccp-bad); }
.ccp-header { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
.ccp-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 12px; }
.ccp-card { border: 1px solid var(--ccp-line); border-radius: 10px; padding: 12px; min-width: 0; }
.ccp-wide { grid-column: 1 / -1; }
.ccp-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 0 0 8px; }
.ccp-field { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.ccp-stack { display: grid; justify-items: start; gap: 6px; margin: 0 0 10px; }
.ccp-stack .ccp-toggle-group legend { min-width: 5.5em; padding-top: 4px; }
.ccp-settings { display: grid; grid-template-columns: max-content 7.5em minmax(0, 1fr); align-items: center; gap: 6px 8px; }
.ccp-settings-field { display: contents; }
.ccp-settings input[type=number] { width: 100%; box-sizing: border-box; }
.ccp-settings > .ccp-row { grid-column: 1 / -1; margin: 4px 0 0; }
.ccp-muted { opacity: .7; font-size: 13px; }
.ccp-badge { display: inline-block; min-width: 8em; text-align: center; padding: 2px 10px; border-radius: 999px; font-weight: 600; color: #fff; }
.ccp-badge-connected { background: var(--ccp-ok); }
.ccp-badge-connecting { background: var(--ccp-warn); }
.ccp-badge-disconnected { background: #57606a; }
.ccp-last-error code { color: var(--ccp-bad); font-weight: 600; }
.ccp-last-error-past { opacity: .75; }
.ccp-last-error-past code { color: inherit; }
.ccp-toggle-group { display: inline-flex; gap: 0; border: 0; padding: 0; margin: 0; }
.ccp-toggle-group legend { float: left; margin-right: 6px; opacity: .8; }
.ccp-toggle-group button { border-radius: 0; margin-left: -1px; }
.ccp-toggle-group button:first-of-type { border-radius: 6px 0 0 6px; }
.ccp-toggle-group button:last-of-type { border-radius: 0 6px 6px 0; }
.ccp .ccp-toggle-group button[aria-pressed=true], .ccp .ccp-toggle-group button[aria-pressed=true]:hover { background: #0969da; border-color: #0969da; color: #fff; }
.ccp-switch { display: inline-flex; align-items: center; gap: 6px; }
.ccp-switch-track { width: 28px; height: 16px; border-radius: 8px; background: var(--ccp-line); position: relative; }
.ccp-switch-thumb { position: absolute; top: 2px; left: 2px; width: 12px; height: 12px; border-radius: 50%; background: currentColor; transition: left .15s; }
.ccp-switch[aria-checked=true] .ccp-switch-track { background: #0969da; }
.ccp-switch[aria-checked=true] .ccp-switch-thumb { left: 14px; background: #fff; }
.ccp-diagram { width: 100%; max-width: 640px; height: auto; display: block; }
.ccp-node circle { fill: transparent; stroke: currentColor; stroke-width: 1.5; opacity: .6; }
.ccp-node text { font-size: 12px; fill: currentColor; }
.ccp-node-active circle { opacity: 1; stroke-width: 3; }
.ccp-node-active.ccp-node-connected circle { fill: color-mix(in srgb, var(--ccp-ok) 25%, transparent); stroke: var(--ccp-ok); }
.ccp-node-active.ccp-node-connecting circle { fill: color-mix(in srgb, var(--ccp-warn) 25%, transparent); stroke: var(--ccp-warn); }
.ccp-node-active.ccp-node-disconnected circle { fill: color-mix(in srgb, #57606a 25%, transparent); }
.ccp-edge { color: color-mix(in srgb, currentColor 45%, transparent); }
.ccp-edge path { stroke: currentColor; stroke-width: 1.5; }
.ccp-edge text { font-size: 11px; fill: currentColor; }
.ccp-edge-active { color: #0969da; }
.ccp-edge-active path { stroke-width: 3; }
.ccp-countdowns, .ccp-details { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0; }
.ccp-countdowns dt, .ccp-details dt { opacity: .7; font-size: 12px; }
.ccp-countdowns dd, .ccp-details dd { margin: 0; font-variant-numeric: tabular-nums; }
.ccp-countdowns meter { width: 120px; margin-left: 8px; vertical-align: middle; }
.ccp-chat { list-style: none; padding: 0; margin: 0; max-height: 140px; overflow: auto; font-size: 13px; }
.ccp h4 { font-size: 12px; font-weight: 600; margin: 10px 0 2px; opacity: .7; text-transform: uppercase; letter-spacing: .04em; }
.ccp-tag { display: inline-block; margin-left: 6px; padding: 0 7px; border: 1px solid currentColor; border-radius: 999px; font-size: 11px; font-weight: 600; line-height: 1.5; vertical-align: 1px; white-space: nowrap; }
.ccp-tag-recovered, .ccp-tag-stored { color: var(--ccp-ok); }
.ccp-tag-fetched { color: #0969da; }
.ccp-tag-waiting { color: var(--ccp-warn); }
.ccp-tag-failed { color: var(--ccp-bad); }
.ccp-continuity { border-left: 3px solid var(--ccp-line); padding: 2px 0 2px 10px; margin: 8px 0 12px; }
.ccp-continuity-lost { border-left-color: var(--ccp-warn); }
.ccp-continuity output { display: block; }
.ccp-catch-up { margin: 8px 0 0; align-items: baseline; }
.ccp-catch-up output { flex: 1 1 16em; font-size: 13px; }
.ccp-timeline header { display: flex; align-items: center; gap: 12px; }
.ccp-timeline header h3 { margin: 0; }
.ccp-timeline ol { list-style: none; padding: 0; margin: 8px 0 0; max-height: 280px; overflow: auto; font: 12px/1.5 ui-monospace, monospace; border: 1px solid var(--ccp-line); border-radius: 8px; }
.ccp-entry { display: flex; gap: 10px; padding: 1px 8px; border-bottom: 1px solid var(--ccp-line); }
.ccp-entry-kind { min-width: 7em; opacity: .7; }
.ccp-entry-error { color: var(--ccp-bad); }
.ccp-entry-status .ccp-entry-text { font-weight: 600; }
`
