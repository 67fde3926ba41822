"""A catalogue of hostile inputs, generated small but sufficient, each with the outcome it must have."""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
ZH = (CORPUS / "zh_anxi_2020_h1.txt").read_text(encoding="utf-8")
EN = (CORPUS / "en_cuiping_2017_h1.txt").read_text(encoding="utf-8")
RECORDS = "records"

# Low limits, so that every case stays small: the subprocesses get them through the environment.
LIMITS_ENV = {
    "PETITION_MINER_MAX_FILE_MB": "2",
    "PETITION_MINER_MAX_DOCX_XML_MB": "8",
    "PETITION_MINER_MAX_DOCX_PARTS": "200",
    "PETITION_MINER_MAX_SUMMARY_CHARS": "200000",
}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>')


def paragraphs_xml(lines: list[str], prolog: bytes = b"") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog +
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'.encode())


def docx_bytes(document: bytes | None, extra: dict[str, bytes] | None = None, rels: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        if rels:
            archive.writestr("_rels/.rels", RELS)
        if document is not None:
            archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def paragraph_bomb(path: Path, expanded_mb: int) -> Path:
    """A .docx whose document.xml expands to `expanded_mb` of tiny paragraphs, streamed to disk."""
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    block = paragraph * (2**20 // len(paragraph))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?>' + f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            for _ in range(expanded_mb):
                member.write(block)
            member.write(b"</w:body></w:document>")
    return path


def _lying_bomb() -> bytes:
    """A member whose central directory says 1 KB while it holds 20 MB."""
    data = bytearray(docx_bytes(paragraphs_xml(["x"] * 600_000)))
    at = data.rfind(b"PK\x01\x02")
    while at >= 0:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == b"word/document.xml":
            data[at + 24 : at + 28] = (1024).to_bytes(4, "little")
        at = data.rfind(b"PK\x01\x02", 0, at)
    return bytes(data)


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % ("" if n == 1 else n - 1)) * 10}">' for n in range(1, 10))
    return docx_bytes(paragraphs_xml(["&lol9;"], f"<!DOCTYPE w:document [{entities}]>".encode()))


def _xxe() -> bytes:
    prolog = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return docx_bytes(paragraphs_xml(["&xxe;"], prolog))


def _deep() -> bytes:
    depth = 5_000
    body = "<w:sdt>" * depth + "</w:sdt>" * depth
    return (b'<?xml version="1.0"?>' + f'<w:document xmlns:w="{W_NS}"><w:body>{body}'
            '<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>'.encode())


def _plain_then_marked() -> str:
    return f"{ZH}\n\n篇一：{ZH}\n\n篇二：{ZH}"


@dataclass(frozen=True)
class Case:
    """One hostile input: the file name, how to make it, and the code (or RECORDS) it must give."""

    name: str
    make: Callable[[Path], None]
    expected: str | tuple[str, ...]
    records: int | None = None  # how many records, when it gives records

    def codes(self) -> tuple[str, ...]:
        return self.expected if isinstance(self.expected, tuple) else (self.expected,)


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(text.encode(encoding))


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)
    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _self_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _folder_loop(path: Path) -> None:
    path.symlink_to(".", target_is_directory=True)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere-at-all.txt")


def _stray_nul(path: Path) -> None:
    data = ZH.encode("utf-8")
    path.write_bytes(data[:301] + b"\x00" + data[301:])


def _two_nuls(path: Path) -> None:
    pieces = [ZH[:100].encode(), ZH[100:700].encode(), ZH[700:].encode()]
    data = b"\x00".join(pieces)
    path.write_bytes(data + (b"\n" if len(data) % 2 else b""))


CASES: tuple[Case, ...] = (
    Case("empty.txt", _bytes(b""), "E102"),
    Case("whitespace.txt", _bytes(b" \n\t\n  \r\n"), "E102"),
    Case("only_debris.txt", _text("首页 > 范文 > 工作总结\n阅读：1528 次\n"), "E102"),
    Case("png_renamed.txt", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), ("E103", "E104")),
    Case("many_nuls.txt", _bytes(b"abc\x00" * 500), "E103"),
    Case("control_chars.txt", _bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50), "E103"),
    Case("random_bytes.txt", _bytes(bytes((n * 7919 + 13) % 256 for n in range(4096))), ("E103", "E104", "E111")),
    Case("undecodable.txt", _bytes(b"\x80\x81\xff" * 40), "E104"),
    Case("bad_utf16_bom.txt", _bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41"), "E104"),
    Case("utf32_bom.txt", _text("\ufeff" + ZH, "utf-32-le"), "E103"),
    Case("stray_nul_utf8.txt", _stray_nul, RECORDS, 1),
    Case("two_nuls_utf8.txt", _two_nuls, RECORDS, 1),
    Case("utf16le_nobom.txt", _text(ZH, "utf-16-le"), RECORDS, 1),
    Case("utf16be_nobom.txt", _text(ZH, "utf-16-be"), RECORDS, 1),
    Case("utf16_bom.txt", _text("\ufeff" + EN, "utf-16-le"), RECORDS, 1),
    Case("gbk.txt", _text(ZH, "gbk"), RECORDS, 1),
    Case("cp1252.txt", _text(EN.replace("'", "\u2019"), "cp1252"), RECORDS, 1),
    Case("cr_only_lines.txt", _text(ZH.replace("\n", "\r")), RECORDS, 1),
    Case("too_large_sparse.txt", _sparse(50 * 2**20), "E108"),
    Case("huge_line.txt", _text("信访" * 150_000), "E110"),
    Case("huge_summary.txt", _text("今年共受理群众来信来访31件，办结31件。\n" * 12_000), "E110"),
    Case("legacy.doc", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64), ("E118", "E119")),
    Case("not_word.doc", _bytes("今年共受理群众来信来访31件。".encode("utf-8")), "E119"),
    Case("scan.pdf", _bytes(b"%PDF-1.4\n"), "E114"),
    Case("truncated.pdf", _bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" * 3), "E114"),
    Case("not_a.pdf", _bytes(bytes(range(0, 256, 3)) * 40), "E114"),
    Case("random.docx", _bytes(bytes(range(0, 256, 7)) * 20), "E106"),
    Case("truncated.docx", lambda path: path.write_bytes(docx_bytes(paragraphs_xml(["x"]))[:200]), "E106"),
    Case("no_document_part.docx", _bytes(docx_bytes(None)), "E106"),
    Case("no_relationships.docx", _bytes(docx_bytes(paragraphs_xml(["信访"]), rels=False)), "E106"),
    Case("empty_body.docx", _bytes(docx_bytes(paragraphs_xml([]))), "E102"),
    Case("good.docx", _bytes(docx_bytes(paragraphs_xml(ZH.splitlines()))), RECORDS, 1),
    Case("paragraph_bomb.docx", lambda path: paragraph_bomb(path, 200), "E109"),
    Case("lying_size_bomb.docx", _bytes(_lying_bomb()), ("E106", "E109")),
    Case("many_parts.docx", _bytes(docx_bytes(paragraphs_xml(["x"]), {f"p/{n}.xml": b"<a/>" for n in range(300)})),
         "E109"),
    Case("big_xml_part.docx", _bytes(docx_bytes(paragraphs_xml(["x"]), {"word/styles.xml": b" " * (9 * 2**20)})),
         "E109"),
    Case("media_bomb_ignored.docx", _bytes(docx_bytes(paragraphs_xml(ZH.splitlines()),
                                                      {"word/media/image1.png": b"\x00" * (30 * 2**20)})),
         RECORDS, 1),
    Case("billion_laughs.docx", _bytes(_billion_laughs()), "E106"),
    Case("xxe.docx", _bytes(_xxe()), "E106"),
    Case("deeply_nested.docx", _bytes(docx_bytes(_deep())), ("E106", "E102")),
    Case("fifo.txt", _fifo, "E107"),
    Case("self_loop.txt", _self_loop, "E107"),
    Case("loop_folder", _folder_loop, "E107"),
    Case("dangling_link.txt", _dangling, "E101"),
    Case("plain_then_marked.txt", _text(_plain_then_marked()), RECORDS, 3),
    Case("markup [red]x[bold] name.txt", _text(ZH.replace("一、基本情况", "一、基本情况[/red]")), RECORDS, 1),
    Case("=cmd-calc!A1.txt", _text(ZH), RECORDS, 1),
    Case("n" * 200 + ".txt", _text(EN), RECORDS, 1),
)


def gbk_name(folder: Path) -> Path:
    """A file whose name is GBK bytes (a Chinese zip unpacked on Linux)."""
    name = os.fsdecode("信访总结.txt".encode("gbk"))
    path = folder / name
    path.write_text(ZH, encoding="utf-8")
    return path


def build(folder: Path) -> dict[str, Path]:
    """Every case in `folder`, plus two good files in subfolders with the same name and a GBK name."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for case in CASES:
        path = folder / case.name
        case.make(path)
        made[case.name] = path
    for sub in ("a", "b"):
        (folder / sub).mkdir()
        (folder / sub / "report.txt").write_text(ZH if sub == "a" else EN, encoding="utf-8")
    made["gbk"] = gbk_name(folder)
    nested = folder / "mk[" / "x]"  # the path holds "[/x]", a closing tag to Rich
    nested.mkdir(parents=True)
    made["markup_path"] = nested / "summary.txt"
    made["markup_path"].write_text(EN, encoding="utf-8")
    return made
