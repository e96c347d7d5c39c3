/** The merchant pages' stylesheet, served at `/merchant/assets/merchant.css`. */
export const MERCHANT_CSS = `
:root { --ink: #1d2521; --muted: #5d6b64; --line: #dfe4e0; --paper: #f5f6f3; --card: #fff;
  --accent: #2f6f5e; --accent-ink: #fff; --warn: #9a5b00; --bad: #a1302a; --good: #2f6f5e;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); min-height: 100vh; display: grid;
  grid-template-columns: 15rem 1fr; }
a { color: var(--accent); }
.sidebar { background: #17312a; color: #e9efec; padding: 1.25rem 1rem; }
.sidebar .brand { font-weight: 700; font-size: 1.05rem; margin: 0 0 0.15rem; }
.sidebar .shop { color: #a9bcb4; font-size: 0.85rem; margin: 0 0 1.5rem; }
.sidebar nav a { display: block; color: #e9efec; text-decoration: none; padding: 0.45rem 0.6rem;
  border-radius: 6px; margin-bottom: 2px; }
.sidebar nav a:hover { background: #23453b; }
.sidebar nav a[aria-current="page"] { background: #2f6f5e; font-weight: 600; }
.sidebar nav .section { color: #8fa79d; font-size: 0.75rem; text-transform: uppercase;
  letter-spacing: 0.06em; margin: 1.25rem 0.6rem 0.4rem; }
.sidebar form { margin-top: 2rem; }
.sidebar form button { background: none; border: 1px solid #4b6a60; color: #e9efec; }
main { padding: 1.75rem 2.25rem 3rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
.lead { color: var(--muted); margin: 0 0 1.5rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 0.75rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.75rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 0.9rem 1rem; }
.card .label { color: var(--muted); font-size: 0.85rem; }
.card .value { font-size: 1.5rem; font-weight: 650; margin-top: 0.2rem; }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.25rem; }
.panel h2 { margin-top: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0.75rem; }
.charts h3 { font-size: 0.95rem; margin: 0 0 0.5rem; }
.chart { width: 100%; height: auto; display: block; }
.chart .grid line { stroke: var(--line); }
.chart text { font-size: 12px; fill: var(--muted); }
.tabs { display: flex; gap: 0.25rem; margin: 0 0 1rem; }
.tabs a { padding: 0.4rem 0.8rem; border-radius: 999px; text-decoration: none; border: 1px solid var(--line);
  background: var(--card); color: var(--ink); }
.tabs a[aria-current="page"] { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line);
  border-radius: 10px; overflow: hidden; }
th, td { text-align: left; padding: 0.6rem 0.8rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 0.8rem; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em;
  background: #fafbf9; }
tr:last-child td { border-bottom: 0; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
td ul { margin: 0; padding: 0; list-style: none; }
.muted { color: var(--muted); font-size: 0.85rem; }
.badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.8rem;
  background: #eef1ee; color: var(--muted); white-space: nowrap; }
.badge.sent, .badge.good { background: #e2f0ea; color: var(--good); }
.badge.queued { background: #fbf0dc; color: var(--warn); }
.badge.cancelled, .badge.bad { background: #f7e3e1; color: var(--bad); }
.empty { padding: 2rem; text-align: center; color: var(--muted); background: var(--card);
  border: 1px dashed var(--line); border-radius: 10px; }
form.settings { display: grid; gap: 1.1rem; max-width: 40rem; }
fieldset { border: 1px solid var(--line); border-radius: 10px; background: var(--card); padding: 1rem 1.25rem; margin: 0; }
legend { font-weight: 600; padding: 0 0.35rem; }
label { display: block; font-weight: 550; }
.hint { color: var(--muted); font-size: 0.85rem; font-weight: 400; margin: 0.2rem 0 0; }
.choice { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; margin: 0.35rem 0; }
.choice input { margin-top: 0.25rem; }
.choice .hint { display: block; }
input.stock-input { width: 8rem; }
.row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
input[type="number"], input[type="text"], input[type="password"], select, textarea {
  font: inherit; padding: 0.45rem 0.6rem; border: 1px solid #c5ccc7; border-radius: 6px; background: #fff; }
input[type="number"] { width: 6.5rem; }
textarea { width: 100%; min-height: 6rem; }
button, .button { font: inherit; cursor: pointer; border: 1px solid var(--accent); background: var(--accent);
  color: var(--accent-ink); border-radius: 6px; padding: 0.45rem 0.9rem; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: var(--card); color: var(--accent); }
.flash { border-radius: 8px; padding: 0.7rem 1rem; margin: 0 0 1.25rem; background: #e2f0ea; color: #1f4d40; }
.flash.error { background: #f7e3e1; color: var(--bad); }
.flash ul { margin: 0.3rem 0 0; }
.preview { display: grid; grid-template-columns: minmax(16rem, 24rem) 1fr; gap: 1.25rem; align-items: start; }
iframe.email { width: 100%; height: 44rem; border: 1px solid var(--line); border-radius: 10px; background: #fff; }
.dev { border-left: 4px solid #c98b1c; }
.dev-badge { background: #8a5200; color: #fff; border-radius: 4px; padding: 0 0.35rem; font-size: 0.7rem;
  margin-left: 0.3rem; vertical-align: middle; }
.thumb { width: 44px; height: 44px; border-radius: 6px; object-fit: cover; background: #eee; display: block; }
.login { max-width: 26rem; margin: 12vh auto; background: var(--card); border: 1px solid var(--line);
  border-radius: 12px; padding: 1.75rem; }
body.plain { display: block; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`
