"""Start the dashboard: `python serve.py [streamlit options]` (scripts/run.sh does this).

Streamlit treats a `pages/` folder beside the main script as a legacy (v1) multipage app
until a script run calls st.navigation. On a freshly started server, a deep link opened
first (e.g. /roads?town=曲堤街道) would then run the page script without dashboard.py: no
town filter, no footer. This app navigates only with st.navigation, so the legacy mode is
switched off before the server starts.

A warm-up thread (ui/warmup.py) is started first: as soon as the server is up it imports the
libraries, opens the database and prepares the overview's answers and charts while the browser loads
the page, so the first visit finds them ready instead of doing that work while the visitor waits
(GAZETTE_WARMUP=0 turns it off).
"""
from __future__ import annotations

import sys
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent / "dashboard.py"


def main() -> None:
    from ui import warmup

    warmup.start()
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(DASHBOARD), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
