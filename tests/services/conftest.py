"""Fixtures of the service tests."""

from __future__ import annotations

from ram_tmp import tmp_path

__all__ = ["tmp_path"]  # the fixture, imported for pytest (see ram_tmp)
