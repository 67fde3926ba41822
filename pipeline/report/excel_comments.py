"""An XlsxWriter workbook whose cell comments and their VML shapes are written as one string each: the same bytes, several times sooner."""

from __future__ import annotations

from xlsxwriter import Workbook
from xlsxwriter.comments import Comments
from xlsxwriter.packager import Packager
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.vml import Vml

# The parts of a comment's <v:shape> that XlsxWriter (3.x) writes the same for every comment
# (Vml._write_comment_fill, _write_shadow, _write_comment_path, _write_comment_textbox and the
# fixed children of _write_comment_client_data); tests/report/test_excel_comments.py compares
# the whole part with XlsxWriter's own on every version installed.
_SHAPE_BODY = ('<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
               '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
               '<div style="text-align:left"></div></v:textbox>'
               '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>')


class FastComments(Comments):
    """XlsxWriter's comments part, its <commentList> written one comment per string (XlsxWriter
    writes each comment through a dozen tag calls), escaped by XlsxWriter's own functions, each
    distinct text of a row once (a finding marking several cells of its row repeats its text on each)."""

    def _write_comment_list(self, comment_data) -> None:
        write, attribute = self.fh.write, self._escape_attributes
        texts: dict[str, str] = {}  # text -> its <t> element, for the comments of one row
        row = None
        run_properties: dict[tuple, str] = {}  # (size, font, family) -> its <rPr>, made once
        write("<commentList>")
        for comment in comment_data:
            if comment.row != row:
                texts, row = {}, comment.row
            author = f' authorId="{attribute(f"{self.author_ids[comment.author]}")}"' \
                if comment.author is not None else ""
            key = (comment.font_size, comment.font_name, comment.font_family)
            properties = run_properties.get(key)
            if properties is None:
                properties = run_properties[key] = (
                    f'<rPr><sz val="{attribute(comment.font_size)}"/><color indexed="81"/>'
                    f'<rFont val="{attribute(comment.font_name)}"/><family val="{attribute(comment.font_family)}"/></rPr>')
            text = texts.get(comment.text)
            if text is None:
                text = texts[comment.text] = self._text(comment.text)
            write(f'<comment ref="{attribute(xl_rowcol_to_cell(comment.row, comment.col))}"{author}><text><r>'
                  f"{properties}{text}</r></text></comment>")
        write("</commentList>")

    def _text(self, text: str) -> str:
        """The <t> element of a comment's text, as XlsxWriter writes it: data escaped (&, <, >), then
        control characters and literal _xHHHH_ runs escaped; xml:space kept when the text starts or
        ends with a character re's \\s matches (str.isspace: the same test)."""
        data = self._escape_control_characters(self._escape_data(text))
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f"<t{space}>{data}</t>"


class FastVml(Vml):
    """XlsxWriter's VML part, each comment's <v:shape> written as one string (XlsxWriter writes it
    through some twenty tag calls); buttons and header images as XlsxWriter writes them."""

    def _write_comment_shape(self, shape_id, z_index, comment) -> None:
        left, top, width, height = self._pixels_to_points(comment.vertices)
        style = (f"position:absolute;margin-left:{left:.15g}pt;margin-top:{top:.15g}pt;width:{width:.15g}pt;"
                 f"height:{height:.15g}pt;z-index:{z_index};visibility:{'visible' if comment.is_visible else 'hidden'}")
        anchor = ", ".join(str(value) for value in (comment.vertices[0], comment.vertices[2], comment.vertices[1],
                                                     comment.vertices[3], comment.vertices[4], comment.vertices[6],
                                                     comment.vertices[5], comment.vertices[7]))
        attribute = self._escape_attributes
        self.fh.write(
            f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="{attribute(style)}" '
            f'fillcolor="{attribute(comment.color._vml_rgb_hex_value())}" o:insetmode="auto">{_SHAPE_BODY}'
            f"<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{comment.row}</x:Row>"
            f"<x:Column>{comment.col}</x:Column>{'<x:Visible/>' if comment.is_visible else ''}</x:ClientData></v:shape>")


class _Packager(Packager):
    """XlsxWriter's packager, writing each sheet's comments with FastComments and their shapes with FastVml."""

    def _write_vml_files(self) -> None:
        index = 1
        for worksheet in self.workbook.worksheets():
            if not worksheet.has_vml and not worksheet.has_header_vml:
                continue
            if worksheet.has_vml:
                vml = FastVml()
                vml._set_xml_writer(self._filename("xl/drawings/vmlDrawing" + str(index) + ".vml"))
                vml._assemble_xml_file(worksheet.vml_data_id, worksheet.vml_shape_id, worksheet.comments_list,
                                       worksheet.buttons_list)
                index += 1
            if worksheet.has_header_vml:
                vml = Vml()
                vml._set_xml_writer(self._filename("xl/drawings/vmlDrawing" + str(index) + ".vml"))
                vml._assemble_xml_file(worksheet.vml_header_id, worksheet.vml_header_id * 1024, None, None,
                                       worksheet.header_images_list)
                self._write_vml_drawing_rels_file(worksheet, index)
                index += 1

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
    """An XlsxWriter Workbook (the same file) that packages its comments with FastComments and FastVml."""

    def _get_packager(self):
        return _Packager()
