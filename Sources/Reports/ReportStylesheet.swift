/// The HTML report's only stylesheet, inline. Colours are custom properties: the light set by
/// default and for print, a dark set when the reader's system prefers it on screen. Fonts are
/// the system's, so nothing is fetched.
enum ReportStylesheet {
    static let css = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1d2125; --muted: #5c6670; --panel: #f4f6f8;
          --border: #d5dbe1; --grid: #e4e8ec; --axis: #8a939c; --base: #2f6db5; --cur: #e8590c; --err: #c92a2a;
          --intended: #7d8790; --reg-bg: #fde3e1; --reg-fg: #a61b12; --imp-bg: #ddf3e3; --imp-fg: #1b6e30;
          --warn-bg: #fff3c4; --warn-fg: #6b5200; }
        @media screen and (prefers-color-scheme: dark) {
          :root { --bg: #121519; --fg: #e3e6e9; --muted: #9aa4ae; --panel: #1b1f24; --border: #343b43;
            --grid: #272d33; --axis: #6b747d; --base: #74a7f0; --cur: #ff9a47; --err: #ff6b6b; --intended: #a0a9b2;
            --reg-bg: #4a1f1c; --reg-fg: #ffb4ab; --imp-bg: #17391f; --imp-fg: #8fe0a6; --warn-bg: #3b3112;
            --warn-fg: #ffe08a; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1240px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 0 0 10px; }
        h3 { font-size: 15px; margin: 18px 0 8px; }
        p { margin: 4px 0; }
        .muted, .criteria, footer { color: var(--muted); }
        .result { display: inline-block; margin: 10px 0; padding: 6px 12px; border-radius: 6px; font-weight: 600; }
        .result.regression { background: var(--reg-bg); color: var(--reg-fg); }
        .result.passed { background: var(--imp-bg); color: var(--imp-fg); }
        .warning { background: var(--warn-bg); color: var(--warn-fg); padding: 8px 12px; border-radius: 6px; }
        .notes { margin: 6px 0; padding-left: 20px; color: var(--muted); }
        nav ol { margin: 8px 0 0; padding-left: 22px; }
        nav a, nav a:visited { color: inherit; }
        .count.regression { color: var(--reg-fg); font-weight: 600; }
        .count.improvement { color: var(--imp-fg); }
        .badge { display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 10px; font-size: 12px;
          font-weight: 500; vertical-align: middle; background: var(--warn-bg); color: var(--warn-fg); }
        section.step { margin-top: 28px; padding-top: 18px; border-top: 1px solid var(--border); }
        table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
        th { background: var(--panel); font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.regression td { background: var(--reg-bg); color: var(--reg-fg); }
        tr.regression td:last-child { font-weight: 700; }
        tr.improvement td { background: var(--imp-bg); color: var(--imp-fg); }
        table.runs td { font-size: 12px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }
        .timelines { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 12px; }
        figure { margin: 0; padding: 10px; background: var(--panel); border: 1px solid var(--border);
          border-radius: 8px; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg.chart text { fill: var(--muted); font-size: 11px; }
        svg.chart text.title, svg.chart text.phase { fill: var(--fg); }
        svg.chart .legend text { fill: var(--fg); }
        svg.chart .empty-note { font-size: 14px; }
        .grid { stroke: var(--grid); stroke-width: 1; fill: none; }
        .axis-line { stroke: var(--axis); stroke-width: 1; fill: none; }
        .series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
        .series.dash { stroke-dasharray: 7 4; }
        .series.base, .whisker.base { stroke: var(--base); }
        .series.cur, .whisker.cur { stroke: var(--cur); }
        .series.err { stroke: var(--err); }
        .series.intended { stroke: var(--intended); stroke-width: 1.5; stroke-dasharray: 4 3; }
        .whisker { stroke-width: 1.5; fill: none; }
        .bar.base, .marker.base { fill: var(--base); }
        .bar.cur, .marker.cur { fill: var(--cur); }
        .marker { stroke: var(--bg); stroke-width: 1; }
        .hover { fill: transparent; }
        .hover:hover { fill: var(--grid); fill-opacity: 0.5; }
        details.config pre { white-space: pre-wrap; word-break: break-all; font-size: 11px; margin: 2px 0 8px; }
        @media print {
          body { font-size: 11px; }
          main { max-width: none; padding: 0; }
          nav, details.config { display: none; }
          section.step { break-before: page; border-top: none; }
          figure, tr { break-inside: avoid; }
          .charts, .timelines { grid-template-columns: 1fr 1fr; }
          .hover:hover { fill: transparent; }
        }
        """
}
