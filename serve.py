"""Start the dashboard: `python serve.py [streamlit options]` (scripts/run.sh does this).

Streamlit treats a `pages/` folder beside the main script as a legacy (v1) multipage app
until a script run calls st.navigation. On a freshly started server, a deep link opened
first (e.g. /roads?town=曲堤街道) would then run the page script without dashboard.py: no
town filter, no footer. This app navigates only with st.navigation, so the legacy mode is
switched off before the server starts.
"""
from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

DASHBOARD = Path(__file__).resolve().parent / "dashboard.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(DASHBOARD), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
