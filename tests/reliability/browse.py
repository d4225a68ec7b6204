"""Drive the app in headless Chromium in a process of its own (`browse()` in conftest.py).

The browser tests in tests/browser/ keep one Playwright instance open for the whole pytest
session, and Playwright's sync API allows one per thread: these steps therefore run here.

    python browse.py '{"url": "http://127.0.0.1:8501", "steps": [{"goto": "/"}, …]}'

Steps: {"goto": path}, {"fill": label, "value": text, "exact": bool}, {"click_button": name},
{"click_link": name}, {"wait_text": text}, {"shoot": name}. After each step it records what
the page shows; the list of records is printed as JSON.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, shoot, wait_idle


def observe(page) -> dict:
    return {"body": page.locator("body").inner_text(),
            "alerts": [a.inner_text() for a in page.locator("[data-testid='stAlert']").all()],
            "exceptions": page.locator("[data-testid='stException']").count(), "url": page.url}


def main(spec: dict) -> list[dict]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    records = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(60_000)
        for step in spec["steps"]:
            if "goto" in step:
                page.goto(spec["url"] + step["goto"])
            elif "fill" in step:
                box = page.get_by_label(step["fill"], exact=step.get("exact", False))
                box.fill(step["value"])
                # Streamlit takes a text area's value on blur; under load a click that comes first
                # would run the old text (seen in CI: the console ran its example query)
                box.blur()
                wait_idle(page, timeout=90)
                continue  # nothing to see until a button is pressed
            elif "click_button" in step:
                page.get_by_role("button", name=step["click_button"]).click()
            elif "click_link" in step:
                page.get_by_role("link", name=step["click_link"]).first.click()
            elif "wait_text" in step:
                try:
                    page.get_by_text(step["wait_text"]).first.wait_for()
                except PlaywrightTimeout:  # record what the page shows instead, so the test says why
                    records.append(observe(page) | {"step": step, "timed_out": True})
                    continue
            elif "shoot" in step:
                shoot(page, step["shoot"], full_page=False)
                continue
            wait_idle(page, timeout=90)
            records.append(observe(page) | {"step": step})
        browser.close()
    return records


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1])), ensure_ascii=False))
