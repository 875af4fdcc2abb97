"""``flowlint.lazyre.LazyPattern`` answers as the compiled pattern does, and compiles only when first used."""

from __future__ import annotations

import re

from flowlint.lazyre import LazyPattern


def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_re_does() -> None:
    lazy = LazyPattern(r"(a)(b)?", re.IGNORECASE)
    assert "compiled" not in vars(lazy)  # nothing compiled by declaring it
    reference = re.compile(r"(a)(b)?", re.IGNORECASE)
    for text in ["", "A", "xab", "aB aa"]:
        assert bool(lazy.match(text)) is bool(reference.match(text))
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in reference.finditer(text)]
        assert lazy.sub("-", text) == reference.sub("-", text)
        assert lazy.findall(text) == reference.findall(text)
    assert lazy.groups == reference.groups == 2
    assert vars(lazy)["compiled"].pattern == lazy.pattern and "match" in vars(lazy)  # read directly from now on
