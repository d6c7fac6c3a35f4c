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

A widget's component classes (the parts a widget colours itself, such as a
card's key or a table's header) are worked out again only when something
they could depend on changed: the rules that name them, or a class, id or
pseudo-class of the widget or of one of its ancestors. Textual works each
one out afresh, through the whole stylesheet, every time it restyles the
widget (each view shown, each mount): up to a tenth of a UI test's CPU time.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.dom import DOMNode

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
        self._part_rules: dict[frozenset[str], tuple[tuple[RuleSet, ...], tuple[str, ...]]] = {}
        """The rules that can style each set of component classes (see
        :meth:`_rules_of_parts`), for the rules of ``_part_rules_of``."""
        self._part_rules_of: object = None
        self._parts_done: WeakKeyDictionary[DOMNode, tuple[Any, ...]] = WeakKeyDictionary()
        """Per node, what its component classes were last worked out from:
        the rules that can style them and the node's path (:func:`_path_key`)."""

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

    def _rules_of_parts(self, parts: frozenset[str]) -> tuple[tuple[RuleSet, ...], tuple[str, ...]]:
        """The rules that can match one of ``parts``, in the stylesheet's
        order (those whose last selector is the part's class, any node
        ``*``, or the type of the virtual node Textual styles a part with),
        and the pseudo-classes they name."""
        rules_map = self.rules_map  # a new one whenever the rules change
        if rules_map is not self._part_rules_of:
            self._part_rules.clear()
            self._part_rules_of = rules_map
        found = self._part_rules.get(parts)
        if found is None:
            names = ["*", "DOMNode", *(f".{part}" for part in sorted(parts))]
            rules = tuple(rule for name in names for rule in rules_map.get(name, ()))
            named = sorted(set().union(*(rule.pseudo_classes for rule in rules)))
            found = self._part_rules[parts] = (rules, tuple(named))
        return found

    def _process_component_classes(self, node: DOMNode) -> None:
        # Textual's step of apply() that styles each component class of the
        # node: a virtual child per class, matched against the stylesheet.
        parts = node._get_component_classes()
        if not parts:
            return
        rules, pseudo_classes = self._rules_of_parts(parts)
        path = _path_key(node, pseudo_classes)
        done = self._parts_done.get(node)
        held = len(node._component_styles) == len(parts)  # emptied when a widget is removed
        if held and done is not None and done[1] == path and _same(done[0], rules):
            return  # it would work out what the node holds
        super()._process_component_classes(node)
        self._parts_done[node] = (rules, path)

    def reparse(self) -> None:
        if self._parsed_variables == self._given_variables:
            self.parse()
            return
        super().reparse()
        self._parsed_variables = self._given_variables


def _path_key(node: DOMNode, pseudo_classes: tuple[str, ...]) -> tuple[Any, ...]:
    """What a rule can match on the way from the app to ``node``, the parent
    of its component classes: each node's type, id and classes, and which of
    ``pseudo_classes`` (those the rules name) it has."""
    return tuple(
        (
            type(step),
            step.id,
            step.classes,
            tuple(step.has_pseudo_class(name) for name in pseudo_classes),
        )
        for step in node.css_path_nodes
    )


def _same(these: tuple[RuleSet, ...], those: tuple[RuleSet, ...]) -> bool:
    """The same rule objects in the same order (a rule set compares its
    fields with ``==``; the objects are kept, so an id is not reused)."""
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))
