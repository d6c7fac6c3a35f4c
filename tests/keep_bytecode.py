"""Imported first by tests/conftest.py: compiled modules are kept between runs.

Where the environment says ``PYTHONDONTWRITEBYTECODE``, every test process
(each xdist worker) compiled the package and rewrote the asserts of all ~270
test modules again on every run: some 4 s of CPU a process, a tenth of a
worker's share of the suite. The compiled files go to ``__pycache__``
(gitignored) as Python and pytest always write them.
"""

import sys

sys.dont_write_bytecode = False
