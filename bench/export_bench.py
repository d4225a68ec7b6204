"""Static export costs: kaleido start-up, PNG/SVG per briefing chart, the briefing PDF, and what
the export buttons add to a page's script run (they generate on click, so it should be ~nothing).

    python -m bench.export_bench [--reps 3]

Prints seconds; medians over --reps where repeated.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def page_run_seconds(page: str, with_exports: bool, reps: int) -> float:
    from streamlit.testing.v1 import AppTest

    import ui.layout

    original = ui.layout.export_buttons
    if not with_exports:
        ui.layout.export_buttons = lambda *a, **k: None
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.run()
        at.switch_page(page)
        at.run()  # warm caches
        runs = []
        for _ in range(reps):
            seconds, _ = timed(at.run)
            runs.append(seconds)
        return statistics.median(runs)
    finally:
        ui.layout.export_buttons = original


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=3)
    reps = parser.parse_args().reps

    from store import curated
    from ui import briefing, export

    slides = briefing.slides("曲堤街道", "zh")
    charts = [s for s in slides if s.chart is not None]
    seconds, _ = timed(export.to_png, charts[0].chart, charts[0].citation)
    print(f"first PNG, kaleido starting Chromium: {seconds:.2f} s")
    for slide in charts:
        png = statistics.median(timed(export.to_png, slide.chart, slide.citation)[0] for _ in range(reps))
        svg = statistics.median(timed(export.to_svg, slide.chart, slide.citation)[0] for _ in range(reps))
        print(f"  {slide.key:<14} PNG {png:.3f} s   SVG {svg:.3f} s")
    seconds, _ = timed(briefing.slides, "曲堤街道", "zh")
    print(f"build the {len(slides)} slides: {seconds:.3f} s")
    bulletins = list(curated.bulletin_titles().values())
    html_s, document = timed(export.briefing_html, slides, town="曲堤街道", lang="zh", bulletins=bulletins)
    pdf_s = statistics.median(timed(export.html_to_pdf, document)[0] for _ in range(reps))
    print(f"briefing HTML with {len(charts)} inline SVGs: {html_s:.2f} s; Chromium print-to-pdf: {pdf_s:.2f} s")

    for page in ("pages/overview.py", "pages/funds.py", "pages/roads.py", "pages/insurance.py"):
        with_buttons = page_run_seconds(page, True, reps)
        without = page_run_seconds(page, False, reps)
        print(f"{page:<20} script run with export buttons {with_buttons:.3f} s, without {without:.3f} s")


if __name__ == "__main__":
    main()
