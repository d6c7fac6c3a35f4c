"""One function per user action, shared by the TUI and the command line.

Each one loads what it needs, applies the domain rule, writes, and appends
its event to the activity log, all in one transaction.
"""

from .context import Context, current_user

__all__ = ["Context", "current_user"]
