"""Pilot fixtures: the app on a throwaway database, with nothing timing-dependent.

No async plugin is installed, so coroutine tests run here under asyncio.run.
"""

from __future__ import annotations

import asyncio
import inspect

import pytest

from kanban_tui import demo
from kanban_tui.domain.model import Board
from kanban_tui.services import Context


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture
def demo_board(ctx: Context) -> Board:
    """The demo team board WEB (about 40 cards), built at the fixed test clock."""
    return demo.fill(ctx, ctx.today())
