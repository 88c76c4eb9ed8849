"""Every message key the code names is in both catalogues, and every key of the catalogues is used.

The package's source is read (never run): the key of each call of ``t``, ``t_in``, ``tn``, ``tn_in``,
``has`` and their wrappers is a literal, a pattern (an f-string, or a literal joined to a value), or a
value computed elsewhere. A literal key must exist in English and Chinese, a counting one (``tn``) as
a plural entry and any other as a plain one. A pattern must be one of ``DYNAMIC`` below. A key of the
catalogues is used when the source names it as a string (a problem code in a ``Problem(...)``, a key
in a table) or when it matches a pattern whose variable parts the source names as strings too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_catalogue import po

PACKAGE = Path(__file__).resolve().parents[2] / "archive_builder"

#: function name -> the position of its key argument
KEY_ARGUMENT = {"t": 0, "tn": 0, "has": 0, "catalogue_text": 0, "t_in": 1, "tn_in": 1, "tr": 0, "trn": 0,
                "counted": 0, "Problem": 2, "message": 0}
COUNTING = {"tn", "tn_in", "trn", "counted"}

#: The keys built at run time, as their f-strings write them with each value replaced by {}: what
#: the value is. A key matching one is used when every value part is a string the source names
#: (``severity.{}`` with "error" and "warning"), unless the entry is marked ANY (values from data).
ANY = "values come from data, not from the source"
DYNAMIC: dict[str, str] = {
    "{}": "a problem code or a key held in a variable; the code names it as a string",
    "{}.hint": "the fix of a problem; used when the problem's key is",
    "severity.{}": "a problem's severity",
    "report.col.{}": "report column headings",
    "report.matched.{}": "how a document matched an item",
    "report.severity.{}": "a problem's severity in the workbook",
    "report.problem_kind.{}": "the kind of a file problem",
    "report.xlsx.{}": "workbook column headings",
    "report.status.{}": "a status word of the vocabulary",
    "site.status.{}": "a status word of the vocabulary, on the site",
    "site.withheld_file.{}": "why a file is withheld",
    "site.item.withheld.{}": "how an item page names evidence it does not link (classified, internal, held)",
    "site.not_found.{}": "the site's 404 page",
    "sitesearch.ui.{}": "the site search's words",
    "indicators.{}": "a heading of the targets page",
    "indicators.col_{}": "indicator table columns",
    "indicator.what.{}": "what an indicator measures",
    "check.unknown_{}_option": "an unknown --item or --school",
    "checklist.unknown_{}": "an unknown name in a checklist",
    "checklist.expect_{}": "what a checklist field expects",
    "assessment.what.{}": "what an assessment rule names",
    "assessment.no_{}": "a missing assessment file",
    "assessment.figure.{}": "an assessment figure",
    "assessment.site.state.{}": "the state of an assessment item",
    "assessment.site.kind.{}": "the kind of an assessment rule",
    "assessment.site.cell.{}": "the state of a school's cell",
    "help.{}": ANY + ": every command and option (tests/test_cli_help.py checks each against the commands)",
    "assess.col_{}": "the assessment table's columns",
    "check.failed.{}": "why check --fail-on failed",
    "check.explicit_{}": "a document whose stated item disagrees with its folder",
    "report.judged.{}": "which years a target judges",
    "site.item.severity.{}": "an item's severity on the site",
    "site.table.{}": "the names of the statistics tables",
    "verify.signature_{}": "the state of a manifest's signature",
    "verify.{}": "how a file differs from the manifest",
    "{}_in_file": "a YAML error of a file (scan.yaml_alias, scan.yaml_too_deep)",
    "{}_indicator": "a statistics cell that only some indicators use (stats.empty_cell, stats.bad_number)",
    "help.{}.{}": ANY + ": every option (tests/test_cli_help.py checks each against the commands)",
    "scan.meta_{}_unknown": "an unknown value of a metadata field",
    "targets.{}": "a target's JUnit case",
}


@dataclass
class Keys:
    """What the source says about message keys."""

    literal: dict[str, set[str]] = field(default_factory=dict)  # key -> where
    calls: set[tuple[str, str, str]] = field(default_factory=set)  # (key, where, "tn", "count" (t(…, count=)) or "t")
    patterns: dict[str, set[str]] = field(default_factory=dict)  # pattern -> where
    strings: set[str] = field(default_factory=set)  # every string constant


def _pattern(node: ast.expr) -> str | None:
    """The key ``node`` builds with each value part written {}, or None when it is not built here."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pattern(node.left), _pattern(node.right)
        return f"{left if left is not None else '{}'}{right if right is not None else '{}'}"
    return None


def read_source(files: Iterable[tuple[str, str]], domains: set[str] | None = None) -> Keys:
    """The keys named in Python source ``files`` (name, text) and Jinja templates (name ending .j2); an
    f-string that starts with one of ``domains`` and a dot (``f"scan.{x}"``) is a key pattern wherever it is."""
    keys = Keys()
    for name, text in files:
        if name.endswith(".j2"):
            _read_template(name, text, keys)
            continue
        for node in ast.walk(ast.parse(text, name)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                keys.strings.add(node.value)
            if isinstance(node, ast.Call):
                _read_call(f"{name}:{node.lineno}", node, keys)
            if isinstance(node, ast.JoinedStr) and domains and (_key_like(node, domains) or _pattern(node) in DYNAMIC):
                keys.patterns.setdefault(_pattern(node) or "", set()).add(f"{name}:{node.lineno}")
    return keys


def _key_like(node: ast.JoinedStr, domains: set[str]) -> bool:
    """Whether an f-string builds a message key: it starts with a catalogue domain and a dot."""
    first = node.values[0] if node.values else None
    return (isinstance(first, ast.Constant) and isinstance(first.value, str)
            and re.match(r"[a-z_]+\.", first.value) is not None and first.value.split(".", 1)[0] in domains)


def _read_call(where: str, node: ast.Call, keys: Keys) -> None:
    func = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(
        node.func, ast.Attribute) else None
    position = KEY_ARGUMENT.get(func or "")
    if position is None or len(node.args) <= position:
        return
    argument = node.args[position]
    pattern = _pattern(argument)
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        keys.literal.setdefault(argument.value, set()).add(where)
        if func != "Problem":  # t(key, count=n) renders a counting message in the form for n, as problems do
            kind = "tn" if func in COUNTING else "count" if any(k.arg == "count" for k in node.keywords) else "t"
            keys.calls.add((argument.value, where, kind))
    elif pattern is not None and "{}" in pattern:
        keys.patterns.setdefault(pattern, set()).add(where)


_TEMPLATE_CALL = re.compile(r"""\b(tn?)\(\s*(["'])([\w.-]+)\2(\s*~)?""")


def _read_template(name: str, text: str, keys: Keys) -> None:
    for match in _TEMPLATE_CALL.finditer(text):
        where = f"{name}:{text.count(chr(10), 0, match.start()) + 1}"
        function, key = match.group(1), match.group(3)
        if match.group(4):
            keys.patterns.setdefault(key + "{}", set()).add(where)
        else:
            keys.literal.setdefault(key, set()).add(where)
            keys.calls.add((key, where, function))
        keys.strings.add(key)


def package_source() -> list[tuple[str, str]]:
    """Every Python module and page template of the package."""
    files = sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.rglob("*.j2"))
    return [(path.relative_to(PACKAGE.parent).as_posix(), path.read_text("utf-8")) for path in files]


def catalogue_keys(lang: str) -> dict[str, bool]:
    """Each key of the ``lang`` catalogue -> whether it is a plural (counting) entry."""
    return {m.id[0] if m.pluralizable else m.id: m.pluralizable for m in po(lang) if m.id}


def _regex(pattern: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in pattern.split("{}")]
    return re.compile("(.+?)".join(parts) + r"\Z")


def unknown_keys(keys: Keys, catalogues: dict[str, dict[str, bool]]) -> list[str]:
    """Literal keys missing from a catalogue, or used as the wrong kind: a counting message without a count
    (``t`` with no ``count=``), or a count for one that does not count (``tn``)."""
    problems = []
    for key, where in sorted(keys.literal.items()):
        problems += [f"{key!r} ({min(where)}) is not in the {lang} catalogue"
                     for lang, known in catalogues.items() if key not in known]
    english = catalogues["en"]
    for key, where, kind in sorted(keys.calls):
        if key in english and english[key] and kind == "t":
            problems.append(f"{key!r} ({where}) counts something: it needs tn(...) or count=")
        elif key in english and not english[key] and kind == "tn":
            problems.append(f"{key!r} ({where}) does not count: it needs t(...)")
    return problems


def unlisted_patterns(keys: Keys) -> list[str]:
    """Keys built at run time by a pattern ``DYNAMIC`` does not list."""
    return [f"{pattern!r} ({min(where)}) is not in DYNAMIC" for pattern, where in sorted(keys.patterns.items())
            if pattern not in DYNAMIC]


def unused_keys(keys: Keys, known: Iterable[str]) -> list[str]:
    """Catalogue keys the source never names, neither as a string nor through a listed pattern."""
    known = set(known)
    used = {key for key in known if key in keys.strings or key in keys.literal}
    patterns = [(_regex(p), DYNAMIC[p].startswith(ANY)) for p in keys.patterns
                if p in DYNAMIC and p not in ("{}", "{}.hint")]
    for key in known - used:
        for regex, any_value in patterns:
            match = regex.match(key)
            if match and (any_value or all(part in keys.strings for part in match.groups())):
                used.add(key)
                break
    used |= {key for key in known if key.endswith(".hint") and key.removesuffix(".hint") in used}
    return sorted(known - used)


@pytest.fixture(scope="module")
def source() -> Keys:
    return read_source(package_source(), {key.split(".", 1)[0] for key in catalogue_keys("en")})


@pytest.fixture(scope="module")
def catalogues() -> dict[str, dict[str, bool]]:
    return {lang: catalogue_keys(lang) for lang in ("en", "zh")}


def test_every_key_the_code_names_is_in_both_catalogues(source, catalogues):
    assert len(source.literal) > 300
    assert not unknown_keys(source, catalogues)


def test_every_key_built_at_run_time_follows_a_listed_pattern(source):
    assert not unlisted_patterns(source)
    assert not sorted(set(DYNAMIC) - set(source.patterns) - {"{}", "{}.hint"}), "DYNAMIC lists patterns no code uses"


def test_every_key_of_the_catalogues_is_used(source, catalogues):
    assert not unused_keys(source, catalogues["en"])


def test_the_checks_find_a_planted_unknown_key_a_wrong_kind_an_unlisted_pattern_and_an_unused_key(catalogues):
    planted = read_source([("planted.py", (
        "t('scan.no_sush_key')\n"
        "tn('scan.zero_bytes', 2)\n"
        "t_in('zh', f'scan.made_up.{kind}')\n"
        "t('scan.zero_bytes')\n"
        "t('search.total', total=2)\n"
        "t('search.total_upper', count=2)\n"))])
    assert unknown_keys(planted, catalogues) == [
        "'scan.no_sush_key' (planted.py:1) is not in the en catalogue",
        "'scan.no_sush_key' (planted.py:1) is not in the zh catalogue",
        "'scan.zero_bytes' (planted.py:2) does not count: it needs t(...)",
        "'search.total' (planted.py:5) counts something: it needs tn(...) or count=",
    ]
    assert unlisted_patterns(planted) == ["'scan.made_up.{}' (planted.py:3) is not in DYNAMIC"]
    assert unused_keys(planted, ["scan.zero_bytes", "scan.zero_bytes.hint", "scan.never_said"]) == [
        "scan.never_said"]
