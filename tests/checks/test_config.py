"""CheckConfig: defaults, petition-miner.toml and pyproject.toml, CLI overrides, coded errors;
and the rule book (rules.yaml) that every rule's messages come from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.checks import CheckConfig, load_config, rule_ids, run_checks
from pipeline.checks.base import language_data, rule_book
from pipeline.checks.config import configured_lang, find_config, split_ids
from pipeline.checks.rules import BATCH_RULES, RECORD_RULES
from pipeline.errors import ConfigError
from pipeline.i18n_resources import messages

DESIGN_RULES = ("missing-section", "no-case-figures", "placeholder", "rate-over-100", "parts-exceed-total",
                "parts-short-of-total", "share-mismatch", "rate-mismatch", "change-mismatch",
                "settled-exceeds-received", "conflicting-values", "percent-sign-missing", "future-date",
                "template-copy")

PROJECT_TOML = """
[check]
required_sections = ["overview", "measures"]
ignore = ["future-date"]
share_tolerance = 0.1
template_threshold = 0.8

[check.severity]
conflicting-values = "info"
missing-section = "error"
"""


def test_config_defaults_suit_the_design() -> None:
    config = CheckConfig()
    assert config.required_sections == ("overview", "measures", "problems", "plans")
    assert config.template_threshold == 0.6
    assert all(config.enabled(rule) for rule in DESIGN_RULES)


def test_config_loads_petition_miner_toml_from_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "petition-miner.toml").write_text(PROJECT_TOML, encoding="utf-8")
    config = load_config(cwd=tmp_path)
    assert config.required_sections == ("overview", "measures")
    assert not config.enabled("future-date") and config.enabled("placeholder")
    assert config.severity_of("conflicting-values", "warning") == "info"
    assert config.share_tolerance == 0.1 and config.template_threshold == 0.8


def test_config_loads_the_tool_table_of_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.petition-miner.check]\nselect = ["placeholder", "rate-over-100"]\n',
        encoding="utf-8")
    config = load_config(cwd=tmp_path)
    assert config.select == ("placeholder", "rate-over-100")
    assert not config.enabled("missing-section")


def test_config_prefers_petition_miner_toml_and_ignores_a_pyproject_without_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None
    assert load_config(cwd=tmp_path) == CheckConfig()
    (tmp_path / "petition-miner.toml").write_text(PROJECT_TOML, encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "petition-miner.toml"


def test_config_explicit_file_wins_over_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "petition-miner.toml").write_text(PROJECT_TOML, encoding="utf-8")
    other = tmp_path / "strict.toml"
    other.write_text("[check]\nrate_tolerance = 0.2\n", encoding="utf-8")
    config = load_config(other, cwd=tmp_path)
    assert config.rate_tolerance == 0.2 and config.ignore == ()


@pytest.mark.parametrize("body, key", [
    ("[check]\nshare_tolerence = 0.1\n", "check.share_tolerence"),
    ("[check]\nignore = [\"no-such-rule\"]\n", "check.ignore"),
    ("[check.severity]\nno-such-rule = \"error\"\n", "check.severity"),
    ("[check.severity]\nplaceholder = \"fatal\"\n", "check.severity.placeholder"),
    ("[check]\nrequired_sections = [\"summary\"]\n", "check.required_sections"),
    ("[check]\ntemplate_threshold = 1.5\n", "check.template_threshold"),
    ("check = 3\n", "check"),
])
def test_config_error_names_the_file_and_the_key(tmp_path: Path, body: str, key: str) -> None:
    path = tmp_path / "petition-miner.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{path}: key {key}")
    assert message.endswith("[E400]") and "\n" not in message


def test_config_error_on_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "petition-miner.toml"
    path.write_text("[check\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(cwd=tmp_path)
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "absent.toml")


def test_config_cli_select_replaces_and_ignore_adds() -> None:
    base = CheckConfig(select=("placeholder", "rate-over-100"), ignore=("future-date",))
    changed = base.with_overrides(select=["share-mismatch"], ignore=["template-copy"])
    assert changed.select == ("share-mismatch",)
    assert changed.ignore == ("future-date", "template-copy")
    assert base.with_overrides() == base


def test_config_cli_unknown_rule_names_the_option() -> None:
    with pytest.raises(ConfigError, match=r"option --select: unknown rule id 'rate-over-200'"):
        CheckConfig().with_overrides(select=["rate-over-200"])


def test_config_split_ids_accepts_commas_and_repeats() -> None:
    assert split_ids(["placeholder,rate-over-100", " future-date "]) == ["placeholder", "rate-over-100", "future-date"]
    assert split_ids(None) == []


def test_config_severity_changes_the_finding(build) -> None:
    record, text = build("{{XX}}镇共受理信访事项{{XX}}件。")
    config = CheckConfig(select=("placeholder",), severity={"placeholder": "info"})
    assert {f.severity for f in run_checks(record, text, config)} == {"info"}


def test_rule_book_covers_every_design_rule_and_the_registry() -> None:
    assert set(rule_ids()) == set(DESIGN_RULES)
    assert set(RECORD_RULES) | set(BATCH_RULES) == set(DESIGN_RULES)
    assert not set(RECORD_RULES) & set(BATCH_RULES)
    for rule, spec in rule_book().rules.items():
        assert spec.scope == ("batch" if rule in BATCH_RULES else "record")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_book_messages_are_templates_with_named_fields(lang: str) -> None:
    for rule, spec in rule_book().rules.items():
        text = messages(lang).rules[rule]
        assert text.title.strip() and text.explanation.strip()
        assert set(text.variants) == set(spec.variants)
        for template in (text.message, *text.variants.values()):
            assert not re.search(r"\{\d*\}", template), template


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dates_resources_compile_and_match_their_examples(lang: str) -> None:
    data = language_data(lang)
    assert data.patterns and data.future.pattern


@pytest.mark.parametrize("name, content, expected", [
    ("petition-miner.toml", 'lang = "zh"\n\n[check]\nignore = ["future-date"]\n', "zh"),
    ("petition-miner.toml", 'lang = "en"\n', "en"),
    ("pyproject.toml", '[tool.petition-miner]\nlang = "zh"\n', "zh"),
    ("petition-miner.toml", '[check]\nignore = ["future-date"]\n', None),  # negative: no lang set
    ("pyproject.toml", '[project]\nname = "x"\n', None),  # negative: a pyproject without our table
])
def test_configured_lang_reads_the_lang_key(tmp_path: Path, name: str, content: str, expected) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert configured_lang(None, tmp_path) == expected


@pytest.mark.parametrize("name, content, key", [
    ("petition-miner.toml", 'lang = "fr"\n', "key lang"),
    ("pyproject.toml", '[tool.petition-miner]\nlang = 1\n', "key tool.petition-miner.lang"),
])
def test_configured_lang_refuses_other_values_naming_file_and_key(tmp_path: Path, name: str, content: str,
                                                                  key: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=f"{name}: {key}: .* is no language"):
        configured_lang(None, tmp_path)


def test_a_lang_key_does_not_disturb_the_check_settings(tmp_path: Path) -> None:
    (tmp_path / "petition-miner.toml").write_text('lang = "zh"\n\n[check]\nignore = ["future-date"]\n', encoding="utf-8")
    assert load_config(None, tmp_path).ignore == ("future-date",)
