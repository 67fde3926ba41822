"""Writes a summary source (paragraphs and tables) as .docx, as a PDF in a Chinese font, and as .doc through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, Union

# TrueType CJK fonts reportlab can embed (Noto CJK ships CFF outlines, which it cannot).
CJK_FONTS = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
             Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
MERGE_LEFT, MERGE_UP = "<", "^"  # a table cell merged into its left or upper neighbour
FONT_NAME = "SummaryCJK"


@dataclass(frozen=True)
class Source:
    """One summary to write: its blocks are paragraph strings or tables (rows of cell strings)."""

    stem: str
    language: str
    blocks: tuple[Union[str, tuple[tuple[str, ...], ...]], ...]
    header: str | None = None  # a running header on every PDF page
    formats: tuple[str, ...] = ()  # what the corpus holds of it: docx, pdf, doc
    names: tuple[tuple[str, str], ...] = ()  # (format, file stem) where the stem is not the source's

    def file_name(self, kind: str) -> str:
        """The corpus file of one format: zh_qiaobian_2023_annual.docx, zh_qiaobian_2023_annual_pdf.pdf."""
        return f"{dict(self.names).get(kind, self.stem)}.{kind}"

    @staticmethod
    def from_dict(data: dict) -> "Source":
        blocks = tuple(block if isinstance(block, str) else tuple(tuple(str(c) for c in row) for row in block["table"])
                       for block in data["blocks"])
        return Source(data["stem"], data["language"], blocks, data.get("header"), tuple(data.get("formats", ())),
                      tuple(sorted(data.get("names", {}).items())))

    @staticmethod
    def load(path: Path) -> "Source":
        import yaml

        return Source.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))

    def text(self) -> str:
        """The text every reader should give: paragraphs one per line, table rows as tab-separated cells."""
        lines = []
        for block in self.blocks:
            if isinstance(block, str):
                lines.append(block)
            else:
                lines.extend("\t".join("" if c in (MERGE_LEFT, MERGE_UP) else c for c in row) for row in block)
        return "\n".join(lines)


def cjk_font() -> Path | None:
    return next((path for path in CJK_FONTS if path.is_file()), None)


def write_docx(source: Source, path: Path) -> Path:
    import docx

    document = docx.Document()
    for block in source.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=max(len(row) for row in block))
        table.style = "Table Grid"
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                if value == MERGE_LEFT:
                    table.cell(r, c - 1).merge(table.cell(r, c))
                elif value == MERGE_UP:
                    table.cell(r - 1, c).merge(table.cell(r, c))
                else:
                    table.cell(r, c).text = value
    if source.blocks and not isinstance(source.blocks[-1], str):
        document.add_paragraph("")  # Word ends a document with a paragraph; a .doc saved without one loses the table
    document.core_properties.author = "petition-miner"
    document.save(str(path))
    return path


def _spans(block) -> list[tuple]:
    styles = []
    for r, row in enumerate(block):
        for c, value in enumerate(row):
            if value == MERGE_LEFT:
                styles.append(("SPAN", (c - 1, r), (c, r)))
            elif value == MERGE_UP:
                styles.append(("SPAN", (c, r - 1), (c, r)))
    return styles


def write_pdf(source: Source, path: Path, font: Path | None = None, scanned: bool = False) -> Path:
    """A text-layer PDF (A4, indented paragraphs, ruled tables, a running header and page numbers);
    with `scanned`, pages that hold only a picture and no text layer, as a scanner makes them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if scanned:
        return _write_scanned(path)
    font = font or cjk_font()
    if font is None:
        raise FileNotFoundError("no TrueType CJK font; install Debian's fonts-wqy-microhei")
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(font), subfontIndex=0))
    size = 12
    body = ParagraphStyle("body", fontName=FONT_NAME, fontSize=size, leading=size * 1.6,
                          firstLineIndent=2 * size, wordWrap="CJK" if source.language == "zh" else None,
                          spaceAfter=0)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=26, alignment=1, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=10.5, leading=14, firstLineIndent=0, alignment=1)
    story = []
    for number, block in enumerate(source.blocks):
        if isinstance(block, str):
            story.append(Paragraph(_escape(block), title if number == 0 else body))
            continue
        rows = [[Paragraph(_escape(c), cell) if c not in (MERGE_LEFT, MERGE_UP) else "" for c in row] for row in block]
        table = Table(rows, hAlign="CENTER")
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_spans(block)]))
        story += [Spacer(1, 4), table, Spacer(1, 6)]

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT_NAME, 9)
        if source.header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, source.header)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")
        canvas.restoreState()

    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm,
                                 topMargin=30 * mm, bottomMargin=28 * mm, invariant=1,
                                 title=source.stem, author="petition-miner")
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _write_scanned(path: Path) -> Path:
    """Two pages holding only an image (grey bars standing for lines of print): no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for line in range(30):
        draw.rectangle((70, 90 + 24 * line, 540 - (line % 4) * 40, 100 + 24 * line), fill=90)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_doc(source: Source, path: Path, timeout: float = 120) -> Path:
    """The .docx of the source saved as Word 97 .doc by LibreOffice (headless, a private profile)."""
    binary = soffice()
    if binary is None:
        raise FileNotFoundError("soffice not found; install Debian's libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="docmaker-") as work:
        folder = Path(work)
        docx_path = write_docx(source, folder / f"{path.stem}.docx")
        subprocess.run([binary, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(docx_path)],
                       check=True, capture_output=True, timeout=timeout)
        shutil.copyfile(folder / f"{path.stem}.doc", path)
    return path


WRITERS = {"docx": write_docx, "pdf": write_pdf, "doc": write_doc}
SOURCES = Path(__file__).resolve().parent.parent / "corpus" / "formats"


def build(sources: Sequence[Source], folder: Path) -> list[Path]:
    """Write every source in the formats it names (docx, pdf, doc) into `folder`."""
    return [WRITERS[kind](source, folder / source.file_name(kind)) for source in sources for kind in source.formats]


def corpus_sources(folder: Path = SOURCES) -> list[Source]:
    return [Source.load(path) for path in sorted(folder.glob("*.yaml"))]


def main() -> None:
    """`python -m bench.docmaker [OUT]`: write the corpus's .docx, PDF and .doc files (default: corpus/)."""
    import sys

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCES.parent
    for path in build(corpus_sources(), out):
        print(f"{path}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
