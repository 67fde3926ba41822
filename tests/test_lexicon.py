"""Resource files: every YAML loads, broken ones raise coded errors, every example fits its pattern."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import pipeline.lexicon as lexicon
from pipeline.errors import ResourceError
from pipeline.ingest import DocumentCues
from pipeline.lexicon import RESOURCE_DIR, load_resource
from pipeline.nlp import UserDictionary
from pipeline.section_cues import SectionCueFile, numeral_value, section_cues

# Models of the resource files this suite knows; other files must still be YAML mappings.
MODELS = {
    "common/documents.yaml": DocumentCues,
    "zh/sections.yaml": SectionCueFile,
    "en/sections.yaml": SectionCueFile,
    "zh/user_dict.yaml": UserDictionary,
}
RESOURCE_FILES = sorted(p.relative_to(RESOURCE_DIR).as_posix() for p in RESOURCE_DIR.rglob("*.yaml"))


@pytest.mark.parametrize("relative", RESOURCE_FILES)
def test_lexicon_resource_file_is_a_yaml_mapping(relative: str) -> None:
    data = yaml.safe_load((RESOURCE_DIR / relative).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data


@pytest.mark.parametrize("relative", RESOURCE_FILES)
def test_lexicon_resource_file_reads_the_same_with_the_c_loader(relative: str) -> None:
    text = (RESOURCE_DIR / relative).read_text(encoding="utf-8")
    assert lexicon.YAML_LOADER is yaml.CSafeLoader  # PyYAML as installed here has libyaml
    fast, slow = yaml.load(text, Loader=lexicon.YAML_LOADER), yaml.safe_load(text)
    assert fast == slow and repr(fast) == repr(slow)  # repr: 1, 1.0 and True are equal but not the same


@pytest.mark.parametrize("relative", sorted(MODELS))
def test_lexicon_resource_file_loads_into_its_model(relative: str) -> None:
    lang, name = relative.removesuffix(".yaml").split("/")
    model = MODELS[relative]
    assert isinstance(load_resource(lang, name, model), model)


def test_lexicon_known_resource_files_exist() -> None:
    assert set(MODELS) <= set(RESOURCE_FILES)


def test_lexicon_load_resource_is_cached() -> None:
    assert load_resource("zh", "sections", SectionCueFile) is load_resource("zh", "sections", SectionCueFile)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lexicon_section_cues_compile(lang: str) -> None:
    cues = section_cues(lang)
    assert cues.lang == lang
    assert {kind for kind, _ in cues.heading_kind} <= {"overview", "measures", "results", "problems", "plans"}


# --- broken resources -------------------------------------------------------------------------


@pytest.fixture
def resource_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty resource folder in place of pipeline/resources, with the cache cleared around it."""
    monkeypatch.setattr(lexicon, "RESOURCE_DIR", tmp_path)
    load_resource.cache_clear()
    yield tmp_path
    load_resource.cache_clear()


def write_resource(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def valid_documents_yaml() -> str:
    return (RESOURCE_DIR / "common" / "documents.yaml").read_text(encoding="utf-8")


BROKEN = {
    "missing-example": (
        "split_markers:\n  - pattern: '^篇[一二]$'\ntitle_lines: []\ndebris_lines: []\n",
        "split_markers.0.example",
    ),
    "unknown-key": (
        "split_markers:\n  - {pattern: '^篇一$', example: 篇一, weight: 2}\ntitle_lines: []\ndebris_lines: []\n",
        "split_markers.0.weight",
    ),
    "wrong-type": (
        "split_markers: []\ntitle_lines:\n  - {pattern: [not, a, string], example: x}\ndebris_lines: []\n",
        "title_lines.0.pattern",
    ),
    "missing-family": ("split_markers: []\ntitle_lines: []\n", "debris_lines"),
    "unknown-family": ("split_markers: []\ntitle_lines: []\ndebris_lines: []\nfooters: []\n", "footers"),
}


@pytest.mark.parametrize(("text", "entry"), BROKEN.values(), ids=BROKEN.keys())
def test_lexicon_broken_resource_raises_naming_file_and_entry(resource_dir: Path, text: str, entry: str) -> None:
    path = write_resource(resource_dir, "common/documents.yaml", text)
    with pytest.raises(ResourceError) as caught:
        load_resource("common", "documents", DocumentCues)
    message = str(caught.value)
    assert str(path) in message
    assert entry in message
    assert caught.value.code == "E200"


def test_lexicon_invalid_yaml_raises_naming_file(resource_dir: Path) -> None:
    path = write_resource(resource_dir, "common/documents.yaml", "split_markers: [\n  - {pattern: '\n")
    with pytest.raises(ResourceError, match="not valid YAML") as caught:
        load_resource("common", "documents", DocumentCues)
    assert str(path) in str(caught.value)


def test_lexicon_missing_resource_raises_naming_file(resource_dir: Path) -> None:
    with pytest.raises(ResourceError, match="missing") as caught:
        load_resource("zh", "sections", SectionCueFile)
    assert str(resource_dir / "zh" / "sections.yaml") in str(caught.value)


def test_lexicon_valid_copy_loads_from_patched_folder(resource_dir: Path) -> None:
    write_resource(resource_dir, "common/documents.yaml", valid_documents_yaml())
    cues = load_resource("common", "documents", DocumentCues)
    assert cues.split_markers


def test_lexicon_resource_models_are_frozen() -> None:
    cues = load_resource("common", "documents", DocumentCues)
    with pytest.raises(Exception):
        cues.split_markers = ()  # type: ignore[misc]


# --- every example fits its own pattern -------------------------------------------------------

DOCUMENT_CUES = load_resource("common", "documents", DocumentCues)
LINE_PATTERNS = [
    pytest.param(family, entry, id=f"{family}-{index}")
    for family in ("split_markers", "title_lines", "debris_lines")
    for index, entry in enumerate(getattr(DOCUMENT_CUES, family))
] + [pytest.param("site_suffix", DOCUMENT_CUES.site_suffix, id="site_suffix")]


@pytest.mark.parametrize(("family", "entry"), LINE_PATTERNS)
def test_lexicon_document_cue_example_matches_its_pattern(family: str, entry) -> None:
    assert re.search(entry.pattern, entry.example.strip()), f"{family}: {entry.example!r}"


def _section_params(family: str):
    params = []
    for lang in ("zh", "en"):
        raw = load_resource(lang, "sections", SectionCueFile)
        for index, entry in enumerate(getattr(raw, family)):
            params.append(pytest.param(lang, entry, id=f"{lang}-{getattr(entry, 'style', 'clause')}-{index}"))
    return params


@pytest.mark.parametrize(("lang", "entry"), _section_params("markers"))
def test_lexicon_marker_example_matches_its_pattern(lang: str, entry) -> None:
    match = re.match(entry.pattern, entry.example)
    assert match, entry.example
    assert entry.example[match.end():].strip(), "a marker example has a body after the marker"


def _marker_value_params():
    return [
        pytest.param(*p.values, id=p.id, marks=[])
        for p in _section_params("markers")
    ]


@pytest.mark.parametrize(("lang", "entry"), _marker_value_params())
def test_lexicon_marker_example_is_read_as_its_own_style_with_a_value(lang: str, entry) -> None:
    cues = section_cues(lang)
    first = None
    for style, pattern in cues.markers:
        match = pattern.match(entry.example)
        if not match:
            continue
        token = match.groupdict().get("n") or match.groupdict().get("w") or ""
        if cues.numeral_value(token) is not None:
            first = style
            break
    assert first == entry.style


@pytest.mark.parametrize(("lang", "entry"), _section_params("clause_markers"))
def test_lexicon_clause_example_matches_its_pattern_with_a_value(lang: str, entry) -> None:
    match = re.search(entry.pattern, entry.example)
    assert match, entry.example
    token = next(group for group in match.groups() if group)
    raw = load_resource(lang, "sections", SectionCueFile)
    assert numeral_value(token, raw.numerals, raw.clause_words) is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lexicon_kind_cues_are_valid_patterns_of_known_kinds(lang: str) -> None:
    raw = load_resource(lang, "sections", SectionCueFile)
    assert set(raw.kinds) <= set(raw.kind_priority)
    for cues in raw.kinds.values():
        for pattern in (*cues.heading, *cues.content):
            re.compile(pattern)


USER_WORDS = load_resource("zh", "user_dict", UserDictionary).words


@pytest.mark.parametrize("entry", USER_WORDS, ids=[f"user_dict-{i}" for i in range(len(USER_WORDS))])
def test_lexicon_user_word_example_contains_the_word(entry) -> None:
    assert entry.word in entry.example
    assert entry.freq > 0


NUMERALS = {
    "digits": ("12", 12),
    "chinese-one": ("一", 1),
    "chinese-ten": ("十", 10),
    "chinese-eleven": ("十一", 11),
    "chinese-twenty-three": ("二十三", 23),
    "roman-six": ("VI", 6),
    "roman-nine": ("IX", 9),
    "ordinal-word": ("Second", 2),
    "clause-word": ("其次", 2),
    "not-a-numeral": ("abc", None),
}


@pytest.mark.parametrize(("token", "expected"), NUMERALS.values(), ids=NUMERALS.keys())
def test_lexicon_numeral_value_reads_marker_numerals(token: str, expected: int | None) -> None:
    lang = "en" if token.isascii() and not token.isdigit() else "zh"
    assert section_cues(lang).numeral_value(token) == expected


def test_lexicon_yaml_identity_names_the_installed_pyyaml_and_its_parser() -> None:
    # the build cache's key for parsed YAML: the digest of PyYAML's __init__.py (its version is in
    # it) and its libyaml extension (whether the C loader exists), found without importing PyYAML
    digest, extensions = lexicon._yaml_identity()
    init = Path(yaml.__file__)
    assert digest == __import__("hashlib").sha256(init.read_bytes()).hexdigest()
    assert yaml.__version__ in init.read_text(encoding="utf-8")
    assert extensions and all(name.startswith("_yaml") for name in extensions)
    assert lexicon.YAML_LOADER is yaml.CSafeLoader is lexicon.yaml_loader()
    with pytest.raises(AttributeError):
        lexicon.NO_SUCH_NAME  # noqa: B018


@pytest.mark.parametrize("text", ["", "x", "xxxx", "(?!x)x", "任何文字 any text\n" * 50])
def test_lexicon_never_matches_nothing_and_says_so_at_once(text: str) -> None:
    from re import _parser

    for pattern in (re.compile(lexicon.NEVER), lexicon.any_of([]), re.compile(lexicon.NEVER + r"\s*$", re.I)):
        assert pattern.search(text) is None and not list(pattern.finditer(text)) and pattern.sub("", text) == text
    # re fails a search at once when the shortest match is longer than the text (no position is tried)
    assert _parser.parse(lexicon.NEVER).getwidth()[0] >= 2**31
    assert lexicon.any_of([]).pattern == lexicon.NEVER
