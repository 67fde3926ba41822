"""`python -m bench.pdf_readers`: pdfplumber against pypdf on Chinese PDFs written here: fidelity of the text, speed, tables."""

from __future__ import annotations

import io
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.docmaker import Source, corpus_sources, write_pdf

SPACE = re.compile(r"\s+")
REPEATS = 5


def _plain(text: str) -> str:
    return SPACE.sub("", text)


def _pypdf(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages), 0


def _pdfplumber_raw(data: bytes) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tables = sum(len(page.find_tables()) for page in pdf.pages)
        return "\n".join(page.extract_text() or "" for page in pdf.pages), tables


def _ours(data: bytes) -> tuple[str, int]:
    from pipeline.pdf_text import read_pdf_text

    text = read_pdf_text(data, "bench.pdf")
    return text, 0


def _documents(folder: Path) -> list[tuple[str, Source, bytes]]:
    """The corpus summaries with tables, and a long one (20 of them in one PDF), as PDFs."""
    sources = [s for s in corpus_sources() if s.language == "zh"]
    long = Source("long", "zh", tuple(b for s in sources for b in s.blocks) * 10, "清河镇人民政府")
    out = []
    for source in [*sources, long]:
        path = write_pdf(source, folder / f"{source.stem}.pdf")
        out.append((source.stem, source, path.read_bytes()))
    return out


def measure() -> list[dict]:
    """Per document and reader: the share of the source's characters recovered and the characters
    added (whitespace ignored; added ones are running headers and page numbers), whether the text is
    the source's line for line, running headers left, ruled tables found, ms per page (median of 5)."""
    import pdfplumber

    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name, source, data in _documents(Path(work)):
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = len(pdf.pages)
            expected = source.text()
            for reader, read in (("pypdf", _pypdf), ("pdfplumber", _pdfplumber_raw),
                                 ("pdfplumber + pipeline/pdf_text.py", _ours)):
                times = []
                for _ in range(REPEATS):
                    began = time.perf_counter()
                    text, tables = read(data)
                    times.append(time.perf_counter() - began)
                want, got = Counter(_plain(expected)), Counter(_plain(text))
                recovered = sum((want & got).values()) / max(1, sum(want.values()))
                extra = sum((got - want).values())
                header = text.count(source.header) if source.header else 0
                rows.append({"document": name, "pages": pages, "reader": reader, "recovered": round(recovered, 4),
                             "extra_chars": extra,
                             "identical_text": text == expected, "running_header_lines": header,
                             "tables_found": tables, "ms_per_page": round(1000 * statistics.median(times) / pages, 1)})
    return rows


def main() -> None:
    rows = measure()
    print("| document | pages | reader | characters recovered | characters added | same text as the .docx | "
          "running headers left | ruled tables found | ms per page |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['document']} | {row['pages']} | {row['reader']} | {row['recovered']:.4f} | {row['extra_chars']} | "
              f"{'yes' if row['identical_text'] else 'no'} | {row['running_header_lines']} | {row['tables_found']} | "
              f"{row['ms_per_page']} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
