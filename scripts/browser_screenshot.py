"""Write screenshots/board-browser.png: the demo board as ``kanban serve``
shows it in Chromium.

    python scripts/browser_screenshot.py                # into screenshots/
    python scripts/browser_screenshot.py --out /tmp/b.png

Needs the ``web`` extra (textual-serve), Playwright's Python package and
Debian's Chromium (``/usr/bin/chromium``; Playwright downloads no browser
here). The demo board is made fresh, dated today as ``kanban demo`` makes it,
in a throwaway folder with its own settings; the page is read-only, as a
visitor sees it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = {"width": 1280, "height": 800}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots" / "board-browser.png")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory(prefix="kanban-browser-shot-") as home:
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("KANBAN_", "TEXTUAL_"))
        }
        env.update(
            {
                f"XDG_{kind}_HOME": os.path.join(home, kind.lower())
                for kind in ("CONFIG", "DATA", "STATE", "CACHE")
            },
            KANBAN_USER="alice",
            TZ="UTC",
            PYTHONPATH=os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]),
        )
        db = os.path.join(home, "demo.db")
        kanban = [sys.executable, "-m", "kanban_tui", "--db", db]
        subprocess.run([*kanban, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen(
            [*kanban, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            server.stdout.readline()
            url = server.stdout.readline().strip()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium)
                page = browser.new_page(viewport=SIZE)
                page.goto(url)
                rows = page.get_by_role("main").get_by_role("list")
                expect(rows).to_contain_text("Website relaunch", timeout=20_000)
                expect(rows).to_contain_text("Done", timeout=20_000)
                page.wait_for_timeout(1000)  # the last frame drawn, the cursor still
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
