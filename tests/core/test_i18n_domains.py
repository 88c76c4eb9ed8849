"""The message catalogue's domains: each key is found in the tables its domain names, and only there."""

from __future__ import annotations

import importlib
import sys
import types

import pytest

from archive_builder.core import messages as catalogue
from archive_builder.core.i18n import has, t_in


@pytest.mark.parametrize("table", catalogue.tables())
def test_every_key_is_in_a_table_its_domain_names(table):
    messages = importlib.import_module(f"archive_builder.core.messages.{table}").MESSAGES
    missing = sorted(key for key in messages if table not in catalogue.DOMAINS.get(key.split(".", 1)[0], ()))
    assert not missing, f"add {table!r} to catalogue.DOMAINS for: {missing[:5]}"


def test_domains_name_only_tables_that_hold_their_keys():
    held = {(key.split(".", 1)[0], table) for table in catalogue.tables()
            for key in importlib.import_module(f"archive_builder.core.messages.{table}").MESSAGES}
    stale = sorted((domain, table) for domain, names in catalogue.DOMAINS.items() for table in names
                   if (domain, table) not in held)
    assert not stale


def test_lookup_gives_each_key_its_entry_and_none_for_unknown_keys():
    whole = catalogue.CATALOGUE
    assert len(whole) > 1000
    assert all(catalogue.lookup(key) is entry for key, entry in whole.items())
    assert catalogue.lookup("search.no_such_message") is None
    assert catalogue.lookup("nodomain") is None
    assert not has("search.no_such_message")


@pytest.fixture
def nothing_loaded(monkeypatch):
    monkeypatch.setattr(catalogue, "_MESSAGES", {})
    monkeypatch.setattr(catalogue, "_LOADED", set())


def test_a_search_message_loads_only_the_search_table(nothing_loaded):
    assert t_in("zh", "search.empty_query") == catalogue.lookup("search.empty_query")["zh"]
    assert catalogue._LOADED == {"search"}
    assert t_in("en", "present.fix") and catalogue._LOADED == {"search", "common"}


def test_an_unknown_key_loads_every_table(nothing_loaded):
    assert not has("search.no_such_message")
    assert catalogue._LOADED == set(catalogue.tables())


def test_a_key_defined_twice_is_an_error(nothing_loaded, monkeypatch):
    monkeypatch.setitem(sys.modules, "archive_builder.core.messages.twice", types.SimpleNamespace(
        MESSAGES={"search.total": {"en": "x", "zh": "x"}}))
    catalogue._load(["search"])
    with pytest.raises(RuntimeError, match="defined twice"):
        catalogue._load(["twice"])
