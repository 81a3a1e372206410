/**
 * The report page's only stylesheet, inlined into index.html. System fonts (no web fonts), body
 * text near-black on white (contrast > 15:1), secondary text #4a4a4a (8.9:1), links #0b4f8a
 * (8.3:1).
 *
 * Tables sit in a focusable scroll container (`.table-wrap`). On screen the container may use the
 * window's width beyond the text column (up to 75rem, centred on the page, 1.5rem from the window's
 * edges): a table starts at the text column's left edge and grows to the right, then to the left,
 * so that at a 1 200 px window every table fits without scrolling; only on a narrower screen does a
 * wide table scroll sideways inside its container, with scroll shadows at the edges, instead of
 * widening the page. Headers wrap; units stand in the caption or header, not in every cell
 * (src/render/html.ts). Tables with 7+ columns (`.wide`) get smaller type. Print: A4 portrait; wide tables fill the page width in
 * 7.5 pt with wrapping headers; tables with 11+ columns (`.x-wide`) get a landscape A4 page of
 * their own (named page `landscape`), since no readable type fits them on a portrait page.
 * Charts and tables are kept whole, table headers repeat on each page, data tables under charts
 * are opened (Chromium 131+ supports ::details-content; older browsers print the summary only).
 */
export const PAGE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; background: #fff; color: #1a1a1a; font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; line-height: 1.5; }
.skip { position: absolute; left: -10000px; top: 0; padding: .5rem 1rem; background: #fff; color: #0b4f8a; }
.skip:focus { left: 1rem; top: 1rem; z-index: 10; outline: 3px solid #0b4f8a; }
.page { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
a { color: #0b4f8a; }
a:focus-visible, summary:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.25rem 0 .5rem; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
.subtitle { font-size: 1.15rem; margin: 0 0 .5rem; }
.meta { color: #4a4a4a; margin: 0; }
.banner { display: inline-block; margin: 0 0 0.5rem; padding: 0.2rem 0.6rem; border: 2px solid #1a1a1a; font-weight: bold; }
.banner-internal { background: #fff3cd; color: #1a1a1a; }
nav.toc { border-top: 1px solid #ccc; border-bottom: 1px solid #ccc; margin: 1.5rem 0; padding: .25rem 0 .75rem; }
nav.toc h2 { font-size: 1.1rem; margin: .75rem 0 .25rem; }
nav.toc ol { margin: 0; padding-left: 1.5rem; }
p, ul, ol { margin: 0 0 1rem; }
abbr[title] { text-decoration: none; cursor: help; }
.figure-value { white-space: nowrap; font-weight: 600; }
.note { color: #4a4a4a; font-size: .925rem; }
.key-figures { margin: 1.25rem 0 1.5rem; }
.key-figures dl { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0; }
.key-figures .kf { flex: 1 1 10rem; border: 1px solid #8a8a8a; border-left: 6px solid #1a1a1a; padding: .6rem .8rem; }
.key-figures dt { font-size: .925rem; color: #3a3a3a; }
.key-figures dd { margin: 0; font-size: 1.6rem; font-weight: 700; white-space: nowrap; }
.key-figures .kf-note { display: block; font-size: .85rem; font-weight: 400; color: #4a4a4a; white-space: normal; }
.key-figures figcaption, .table-block figcaption { font-weight: 700; margin-bottom: .4rem; }
figure { margin: 1.5rem 0 2rem; }
figure.chart figcaption { font-weight: 700; margin-bottom: .5rem; }
.number { font-weight: 400; }
.chart-svg svg { display: block; max-width: 100%; height: auto; }
.alt { margin: .5rem 0 .25rem; }
.source { color: #4a4a4a; font-size: .875rem; margin: .25rem 0 .5rem; }
details { margin: .5rem 0; }
summary { cursor: pointer; color: #0b4f8a; text-decoration: underline; }
.table-wrap { overflow-x: auto; max-width: 100%; margin: .5rem 0; }
/* Scroll shadows: a soft edge shows that a wide table continues to the side (no script needed). */
.table-wrap { background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)), linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) 100% 0, radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.25), rgba(0,0,0,0)), radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.25), rgba(0,0,0,0)) 100% 0; background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, .9rem 100%, .9rem 100%; background-attachment: local, local, scroll, scroll; }
.table-wrap:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.table-wrap > table { margin: 0; }
@media screen {
  /* Wider than the text column: the window's width less 1.5rem each side (a classic scrollbar
     fits in that), at most 75rem, centred on the column. A shrinkable spacer keeps a narrow table
     at the column's left edge; it gives way before the table has to scroll. */
  .table-wrap { display: flex; max-width: none; width: min(100vw - 3rem, 75rem); margin-left: calc(50% - min(50vw - 1.5rem, 37.5rem)); margin-right: 0; }
  .table-wrap::before { content: ""; flex: 0 1000 max(0px, calc((100% - min(49.5rem, 100vw - 2.5rem)) / 2)); min-width: 0; }
  .table-wrap > table { flex: 0 1 auto; }
}
table { border-collapse: collapse; margin: .5rem 0; font-size: .95rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding: 0 0 .4rem; }
th, td { border-bottom: 1px solid #b0b0b0; padding: .3rem .75rem .3rem 0; vertical-align: top; }
thead th { border-bottom: 2px solid #1a1a1a; text-align: left; vertical-align: bottom; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
tbody th { font-weight: 400; text-align: left; }
.wide table { font-size: .85rem; }
.wide th, .wide td { padding: .25rem .6rem .25rem 0; }
thead th { overflow-wrap: break-word; }
th .unit { white-space: nowrap; font-weight: 400; }
footer.provenance { margin-top: 3rem; border-top: 2px solid #1a1a1a; font-size: .925rem; }
footer.provenance code { font-size: .8rem; word-break: break-all; }
footer.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
footer.provenance dd { margin: 0; }
@media print {
  @page { size: A4; margin: 20mm 18mm 22mm; }
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .skip, nav.toc { display: none; }
  h2, h3 { break-after: avoid; }
  /* A chart stays whole with its caption; its text and data table may follow on the next page
     (keeping the whole figure together left pages nearly empty). */
  .chart-svg, .key-figures, .table-block, tr { break-inside: avoid; }
  figure.chart > figcaption { break-after: avoid; }
  .table-wrap { background: none; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  details::details-content { content-visibility: visible; display: block; }
  a { color: inherit; text-decoration: none; }
  .table-wrap { overflow: visible; max-width: none; }
  table { font-size: 9pt; }
  @page landscape { size: A4 landscape; margin: 18mm 20mm 20mm; }
  .table-block.x-wide, figure.x-wide { page: landscape; }
  .wide table { font-size: 7.5pt; width: 100%; }
  .x-wide table { font-size: 8pt; }
  .wide th, .wide td { padding: 1.5pt 3pt 1.5pt 0; }
  .wide thead th.num { min-width: 0; }
  thead th { overflow-wrap: break-word; hyphens: auto; }
}
`.trim();
