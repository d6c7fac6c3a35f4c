"""The board in a browser: ``kanban serve`` runs the TUI through textual-serve.

``page`` is what a page's own process needs (no web libraries); ``server`` is
the web server (textual-serve and aiohttp, the ``web`` extra), loaded only by
``kanban serve``.
"""
