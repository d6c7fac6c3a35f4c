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
And what one widget and its parts came to is reused for the next widget on
the same path (each column of a board, each card list, each footer key): it
takes the rules already worked out rather than matching the whole stylesheet
again. Those matches are kept for the whole process too, by the exact rule
sets in force (an app started again has the same ones), as parses are.
"""

from __future__ import annotations

from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from textual.css.model import RuleSet, SelectorType
from textual.css.styles import RulesMap
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
_MATCHES_MAX = 5000
"""Past this many paths, the rules worked out for them are dropped and worked
out again as needed (the whole app has a few hundred)."""


class _Matches:
    """What matching nodes against one list of rules came to."""

    def __init__(self, rules: list[RuleSet]) -> None:
        self.rules = rules
        """The rules matched against, held so that their ids stay theirs."""
        self.named: dict[frozenset[str], _Candidates] = {}
        """The rules that can match a node, by its selector names (see
        :meth:`SteadyStylesheet._rules_named`)."""
        self.nodes: dict[tuple[Any, ...], tuple[RulesMap | None, tuple[bool, ...]]] = {}
        """The rules a widget came to (None: no rule matched it) and its
        pseudo-class flags, by its selector names and path (:func:`_path_key`)."""
        self.parts: dict[tuple[Any, ...], RulesMap] = {}
        """The rules one part came to, by the part and its parent's path."""


_MATCHED: dict[tuple[int, ...], _Matches] = {}
"""Matches in this process, by the ids of the rules, in order (each rule set
parsed once: ``_PARSED``). A few per theme; cleared past ``_MATCHED_MAX``."""
_MATCHED_MAX = 64
_BY_SIBLINGS = frozenset(
    ("first-of-type", "last-of-type", "first-child", "last-child", "odd", "even", "empty")
)
"""Pseudo-classes that depend on a node's siblings or children: a node that a
rule naming one could match is matched by Textual itself, every time. Asking
every node of a path about them, as a key would, is not neutral: Textual keeps
their answers until the children change (a sibling hidden since is not seen),
and ``:odd`` fills the parent's list of shown children with only the visible
ones, which ``:first-child`` then reads."""


class SteadyStylesheet(Stylesheet):
    """A :class:`~textual.css.stylesheet.Stylesheet` that skips parses that change nothing."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._parsed_variables: dict[str, str] | None = None
        self._given_variables = dict(variables or {})
        self._variables_key = tuple(sorted(self._given_variables.items()))
        self._matches = _Matches([])
        self._matches_of: object = None
        """The rules map ``_matches`` is for (a new one whenever the rules change)."""
        self._matching: DOMNode | None = None
        self._matched: RulesMap | None = None
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

    def _rules_named(self, names: frozenset[str]) -> _Candidates:
        """The rules whose last selector is one of ``names`` (a node's type
        names, classes, id and ``*``), and the pseudo-classes and ids they
        name anywhere in their selectors."""
        rules_map = self.rules_map
        if rules_map is not self._matches_of:
            self._matches = _matches(self.rules)
            self._matches_of = rules_map
        found = self._matches.named.get(names)
        if found is None:
            rules = tuple(rule for name in sorted(names) for rule in rules_map.get(name, ()))
            named = sorted(set().union(*(rule.pseudo_classes for rule in rules)))
            ids = {
                selector.name
                for rule in rules
                for selectors in rule.selector_set
                for selector in selectors.selectors
                if selector.type == SelectorType.ID
            }
            found = self._matches.named[names] = _Candidates(rules, tuple(named), frozenset(ids))
        return found

    def _rules_of_parts(self, parts: frozenset[str]) -> _Candidates:
        """The rules that can match one of ``parts``: those whose last
        selector is the part's class, any node ``*``, or the type of the
        virtual node Textual styles a part with."""
        return self._rules_named(frozenset({"*", "DOMNode", *(f".{part}" for part in parts)}))

    def apply(
        self, node: DOMNode, *, animate: bool = False, cache: dict[tuple, RulesMap] | None = None
    ) -> None:
        # Textual matches the node against every rule that could apply, each
        # time; the match is the same for every node on the same path.
        if type(node) is DOMNode:  # a part's virtual node: see _style_parts
            super().apply(node, animate=animate, cache=cache)
            return
        names = frozenset(self.rules_map.keys() & node._selector_names)  # as Textual limits them
        found = self._rules_named(names)
        if not _BY_SIBLINGS.isdisjoint(found.pseudo_classes):
            super().apply(node, animate=animate, cache=cache)
            return
        key = (names, _path_key(node, found.pseudo_classes, found.ids))
        known = self._matches.nodes.get(key)
        if known is None:
            outer = self._matching, self._matched  # an apply within one: kept apart
            self._matching, self._matched = node, None
            try:
                super().apply(node, animate=animate)
                matched = self._matched
            finally:
                self._matching, self._matched = outer
            nodes = self._matches.nodes
            if len(nodes) >= _MATCHES_MAX:
                nodes.clear()
            nodes[key] = (matched, _flags(found.pseudo_classes))
            return
        rules, flags = known
        node._has_hover_style, node._has_focus_within, node._has_order_style = flags[:3]
        node._has_odd_or_even = flags[3]
        if rules is not None:
            self.replace_rules(node, rules, animate=animate)
        self._process_component_classes(node)

    def replace_rules(self, node: DOMNode, rules: RulesMap, animate: bool = False) -> None:  # type: ignore[override]
        if node is self._matching:  # the rules apply() worked out for it
            self._matched = rules
        super().replace_rules(node, rules, animate=animate)

    def _process_component_classes(self, node: DOMNode) -> None:
        # Textual's step of apply() that styles each component class of the
        # node: a virtual child per class, matched against the stylesheet.
        parts = node._get_component_classes()
        if not parts:
            return
        found = self._rules_of_parts(parts)
        if not _BY_SIBLINGS.isdisjoint(found.pseudo_classes):
            self._parts_done.pop(node, None)
            super()._process_component_classes(node)
            return
        path = _path_key(node, found.pseudo_classes, found.ids)
        done = self._parts_done.get(node)
        held = len(node._component_styles) == len(parts)  # emptied when a widget is removed
        if held and done is not None and done[1] == path and _same(done[0], found.rules):
            return  # it would work out what the node holds
        self._style_parts(node, parts, (found.pseudo_classes, found.ids, path))
        self._parts_done[node] = (found.rules, path)

    def _style_parts(self, node: DOMNode, parts: frozenset[str], path: tuple[Any, ...]) -> None:
        """Textual's styling of each part (a virtual child node per component
        class, refreshing the node if one changed), with the rules a part came
        to on this path reused: the match is the same for any node on it."""
        known = self._matches.parts
        if len(known) >= _MATCHES_MAX:
            known.clear()
        old_styles = node._component_styles.copy()
        node._component_styles.clear()
        changed = False
        for part in sorted(parts):
            virtual_node = DOMNode(classes=part)
            virtual_node._attach(node)
            rules = known.get((part, path))
            if rules is None:
                self.apply(virtual_node, animate=False)
                known[part, path] = virtual_node.styles.base.get_rules()
            else:
                self.replace_rules(virtual_node, rules)
            changed = changed or old_styles.get(part) != virtual_node.styles
            node._component_styles[part] = virtual_node.styles
        if changed:
            node.refresh()

    def reparse(self) -> None:
        if self._parsed_variables == self._given_variables:
            self.parse()
            return
        super().reparse()
        self._parsed_variables = self._given_variables


def _matches(rules: list[RuleSet]) -> _Matches:
    """The process's matches against ``rules``, these very rule sets in this order."""
    key = tuple(map(id, rules))
    found = _MATCHED.get(key)
    if found is None:
        if len(_MATCHED) >= _MATCHED_MAX:
            _MATCHED.clear()
        found = _MATCHED[key] = _Matches(list(rules))
    return found


class _Candidates(NamedTuple):
    """The rules that can match a node (or a set of component classes), and
    what of a path they name besides types and classes."""

    rules: tuple[RuleSet, ...]
    pseudo_classes: tuple[str, ...]
    ids: frozenset[str]


def _path_key(
    node: DOMNode, pseudo_classes: tuple[str, ...], ids: frozenset[str]
) -> tuple[Any, ...]:
    """What a rule can match on the way from the app to ``node`` (the node
    styled, or the parent of the parts styled): each node's type and classes,
    its id if a rule names it (``ids``; the columns of a board differ only by
    id), and which of ``pseudo_classes`` (those the rules name) it has."""
    return tuple(
        (
            type(step),
            step.id if step.id in ids else None,
            step.classes,
            tuple(step.has_pseudo_class(name) for name in pseudo_classes),
        )
        for step in node.css_path_nodes
    )


def _flags(pseudo_classes: tuple[str, ...]) -> tuple[bool, bool, bool, bool]:
    """What Textual's apply() notes on a node about the pseudo-classes of the
    rules that could match it: hover, focus-within, an order, odd or even."""
    named = set(pseudo_classes)
    order = {"first-of-type", "last-of-type", "first-child", "last-child", "empty"}
    return (
        "hover" in named,
        "focus-within" in named,
        not named.isdisjoint(order),
        "odd" in named or "even" in named,
    )


def _same(these: tuple[RuleSet, ...], those: tuple[RuleSet, ...]) -> bool:
    """The same rule objects in the same order (a rule set compares its
    fields with ``==``; the objects are kept, so an id is not reused)."""
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))
