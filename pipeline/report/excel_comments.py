"""An XlsxWriter workbook whose cell comments are written as one string each: the same bytes, several times sooner."""

from __future__ import annotations

from xlsxwriter import Workbook
from xlsxwriter.comments import Comments
from xlsxwriter.packager import Packager
from xlsxwriter.utility import _preserve_whitespace, xl_rowcol_to_cell


class FastComments(Comments):
    """XlsxWriter's comments part, its <commentList> written one comment per string (XlsxWriter
    writes each comment through a dozen tag calls), escaped by XlsxWriter's own functions."""

    def _write_comment_list(self, comment_data) -> None:
        write, attribute = self.fh.write, self._escape_attributes
        data_of = lambda text: self._escape_control_characters(self._escape_data(text))  # noqa: E731
        run_properties: dict[tuple, str] = {}  # (size, font, family) -> its <rPr>, made once
        write("<commentList>")
        for comment in comment_data:
            author = f' authorId="{attribute(f"{self.author_ids[comment.author]}")}"' \
                if comment.author is not None else ""
            key = (comment.font_size, comment.font_name, comment.font_family)
            properties = run_properties.get(key)
            if properties is None:
                properties = run_properties[key] = (
                    f'<rPr><sz val="{attribute(comment.font_size)}"/><color indexed="81"/>'
                    f'<rFont val="{attribute(comment.font_name)}"/><family val="{attribute(comment.font_family)}"/></rPr>')
            space = ' xml:space="preserve"' if _preserve_whitespace(comment.text) else ""
            write(f'<comment ref="{attribute(xl_rowcol_to_cell(comment.row, comment.col))}"{author}><text><r>'
                  f"{properties}<t{space}>{data_of(comment.text)}</t></r></text></comment>")
        write("</commentList>")


class _Packager(Packager):
    """XlsxWriter's packager, writing each sheet's comments with FastComments."""

    def _write_comment_files(self) -> None:
        index = 1
        for worksheet in self.workbook.worksheets():
            if not worksheet.has_comments:
                continue
            comments = FastComments()
            comments._set_xml_writer(self._filename("xl/comments" + str(index) + ".xml"))
            comments._assemble_xml_file(worksheet.comments_list)
            index += 1


class CommentedWorkbook(Workbook):
    """An XlsxWriter Workbook (the same file) that packages its comments with FastComments."""

    def _get_packager(self):
        return _Packager()
