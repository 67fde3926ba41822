""".doc and .wps through LibreOffice: converted when soffice is installed, coded errors otherwise, never a traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bench.docmaker import Source, write_doc, write_docx
from pipeline.errors import ConversionError, ConverterMissingError
from pipeline.ingest import load_source, read_file_text
from pipeline.limits import Limits
from pipeline.office_convert import convert_to_docx, find_soffice

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed: run "
                                                                  ".ci/install-office.sh (libreoffice-writer-nogui)")
SOURCE = Source("清河", "zh", ("清河镇2023年信访工作总结", "全年共受理群众信访事项86件，已办结84件，办结率97.7%。",
                               (("渠道", "件数"), ("来信", "14"), ("来访", "72"))))


def _without_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_office_convert_without_libreoffice_is_a_coded_error_saying_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"summary{suffix}"
    path.write_bytes(OLE_MAGIC + b"\x00" * 512)
    _without_soffice(monkeypatch, tmp_path)
    with pytest.raises(ConverterMissingError) as caught:
        load_source(path)
    message = str(caught.value)
    assert caught.value.code == "E118" and str(path) in message
    assert "libreoffice-writer-nogui" in message and suffix in message


def test_office_convert_reads_a_docx_saved_as_doc_without_libreoffice(monkeypatch, tmp_path: Path) -> None:
    """Some .doc files are .docx archives under the old suffix: read as they are."""
    path = write_docx(SOURCE, tmp_path / "renamed.docx").rename(tmp_path / "renamed.doc")
    _without_soffice(monkeypatch, tmp_path)
    assert read_file_text(path)[0].rstrip("\n") == SOURCE.text()  # Word's closing empty paragraph


@pytest.mark.parametrize("data", [b"plain text, no Word file", "今年共受理群众来信来访31件。".encode("gb18030"), b""],
                         ids=["ascii", "gb18030", "empty"])
def test_office_convert_refuses_bytes_that_are_no_word_file(data: bytes) -> None:
    with pytest.raises(ConversionError, match="not a Word or WPS document") as caught:
        convert_to_docx(data, "x.doc")
    assert caught.value.code == "E119"


def test_office_convert_past_the_time_limit_is_a_coded_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A converter that hangs is killed at office_timeout_s (a stand-in soffice that sleeps)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    with pytest.raises(ConversionError, match="office_timeout_s") as caught:
        convert_to_docx(OLE_MAGIC + b"\x00" * 512, "slow.doc", Limits(office_timeout_s=1))
    assert caught.value.code == "E119"


@needs_soffice
def test_office_convert_reads_a_doc_as_its_docx_would_read(tmp_path: Path) -> None:
    path = write_doc(SOURCE, tmp_path / "summary.doc")
    text, encoding = read_file_text(path)
    assert encoding == "doc" and text.rstrip("\n") == SOURCE.text()


@needs_soffice
def test_office_convert_reads_a_wps_file_in_word_format(tmp_path: Path) -> None:
    """WPS Office saves .wps in the Word 97 compound format; LibreOffice reads it by its content."""
    path = write_doc(SOURCE, tmp_path / "summary.doc").rename(tmp_path / "summary.wps")
    text, encoding = read_file_text(path)
    assert encoding == "wps" and text.rstrip("\n") == SOURCE.text()


@needs_soffice
def test_office_convert_corrupt_doc_is_a_coded_error() -> None:
    with pytest.raises(ConversionError) as caught:
        convert_to_docx(OLE_MAGIC + b"\x00" * 512, "broken.doc")
    assert caught.value.code == "E119" and "broken.doc" in str(caught.value)


@needs_soffice
def test_office_convert_corpus_doc_reads_as_its_source() -> None:
    from bench.docmaker import corpus_sources

    doc = [source for source in corpus_sources() if "doc" in source.formats]
    assert doc
    for source in doc:
        assert read_file_text(CORPUS / source.file_name("doc"))[0] == source.text()
