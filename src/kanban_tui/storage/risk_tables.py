"""Tables of the risk register (filled in by the risk register work)."""
