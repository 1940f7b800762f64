/** The page's whole stylesheet: system fonts, readable contrast, light and dark. */
export const styles = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a; --line: #d0d7de; --ok: #116329; --bad: #a40e26; --accent: #0550ae; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --ok: #3fb950; --bad: #ff7b72; --accent: #58a6ff; --panel: #151b23; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.2rem; margin: 0; flex: 1; }
main { padding: 0 1.25rem 2rem; max-width: 1400px; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; } h3 { font-size: 1rem; margin: .25rem 0 .5rem; } h4 { font-size: .9rem; margin: .75rem 0 .25rem; } h5 { font-size: .85rem; margin: .5rem 0 .25rem; }
a { color: var(--accent); }
code, pre, textarea { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: var(--panel); border: 1px solid var(--line); padding: .5rem; overflow: auto; max-height: 22rem; white-space: pre-wrap; word-break: break-all; }
button { font: inherit; padding: .3rem .7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
button.small { padding: .05rem .45rem; font-size: .8rem; margin-left: .3rem; }
button.danger { color: var(--bad); }
button.link { border: 0; background: none; color: var(--accent); text-decoration: underline; padding: 0; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
select, input, textarea { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: .2rem .35rem; }
textarea { width: 100%; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: .75rem; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .75rem; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .6rem; margin: 0; } dt { color: var(--muted); } dd { margin: 0; }
.masked { letter-spacing: .1em; }
.muted { color: var(--muted); }
.error, .field-errors, [aria-invalid="true"] + .field-errors { color: var(--bad); }
textarea[aria-invalid="true"] { border-color: var(--bad); border-width: 2px; }
.endpoints, .operations { padding-left: 1.1rem; margin: .25rem 0; }
.scenario, .row, .filters, .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
.send { max-width: 900px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.headers th { font-weight: 600; white-space: nowrap; } table.headers td { word-break: break-all; }
tr.open { background: var(--panel); }
.state.delivered, .state.verified, .attempt.ok .outcome { color: var(--ok); }
.state.failed, .state.rejected, .state.retrying, .attempt.bad .outcome { color: var(--bad); }
.detail { border: 1px solid var(--line); border-radius: 8px; padding: .75rem; margin-top: 1rem; }
.attempt { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: .5rem; display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.attempt h4 { grid-column: 1 / -1; margin: 0; }
@media (max-width: 900px) { .attempt { grid-template-columns: 1fr; } }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
