"""A stylesheet that parses the app's CSS again only when it could have changed.

Textual parses every rule of every source from scratch each time it refreshes
the CSS: when a screen is first shown (each view is a mode, so the first visit
of each view) and when the theme changes. Only a change of the CSS variables
(a theme) changes what that parse gives; the sources a new widget adds are
parsed by :meth:`Stylesheet.parse`, one source at a time, with a cache.
So here a refresh with the variables unchanged parses only what is new:
the first visit of a view costs what its own widgets need, not the whole
app's CSS again (measured: two full parses, about 0.1 s each on a 2-core
machine, per first visit).

What a parse gives is also kept for the whole process, not only for one
stylesheet: an app started again in the same process (each UI test starts
one, some 100 a test process) parses nothing it parsed before, where Textual
parsed every source again per app (a tenth of a start-up's CPU time).
"""

from __future__ import annotations

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

_PARSED: dict[tuple[object, ...], list[RuleSet]] = {}
"""Rules parsed in this process, by the variables and the source's arguments.

The rule sets are only read once parsed (a stylesheet already hands the same
ones out again from its own cache at each parse). A few themes' worth of
sources at most; cleared past ``_PARSED_MAX`` entries all the same.
"""
_PARSED_MAX = 1000


class SteadyStylesheet(Stylesheet):
    """A :class:`~textual.css.stylesheet.Stylesheet` that skips parses that change nothing."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._parsed_variables: dict[str, str] | None = None
        self._given_variables = dict(variables or {})
        self._variables_key = tuple(sorted(self._given_variables.items()))

    def set_variables(self, variables: dict[str, str]) -> None:
        # Textual drops its parse cache here, even when nothing changed.
        if variables != self._given_variables:
            self._given_variables = dict(variables)
            self._variables_key = tuple(sorted(self._given_variables.items()))
            super().set_variables(variables)

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        # Textual's one parse of one source (the rules of a file, or of a
        # widget's DEFAULT_CSS), given the variables of the theme.
        key = (self._variables_key, css, read_from, is_default_rules, tie_breaker, scope)
        rules = _PARSED.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[key] = rules
        return rules

    def parse(self) -> None:
        super().parse()
        self._parsed_variables = self._given_variables

    def reparse(self) -> None:
        if self._parsed_variables == self._given_variables:
            self.parse()
            return
        super().reparse()
        self._parsed_variables = self._given_variables
