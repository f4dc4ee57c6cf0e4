"""Feedback that keeps secrets: no hidden test, no live script, no 50 MB page.

``FeedbackSafety`` runs in ``GenerateFeedback.preprocessors`` after nbgrader's
``GetGrades`` (see ``nbgrader_config.py``).  On the copy of the autograded
notebook that becomes the feedback HTML it

- cuts every ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` region out
  of the test cells (the student keeps the visible checks and each failed
  check's Chinese message);
- keeps each cell's outputs under a size cap;
- cleans HTML in markdown, outputs and grader comments with nbconvert's
  bleach-based sanitizer: no ``<script>``, no event handlers, no JavaScript
  outputs;
- puts a short Chinese note at the top when grading stopped early or ran
  without the sandbox.
"""
from __future__ import annotations

import re

import nbformat
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbgrader import utils as nbutils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode


ALLOWED_TAGS = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div",
                "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol",
                "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
                "tr", "u", "ul"]
ALLOWED_ATTRIBUTES = {"*": ["class", "title", "align"], "a": ["href"], "img": ["src", "alt", "width", "height"],
                      "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan"]}
SAFE_OUTPUT_KEYS = {"text/plain", "text/html", "text/latex", "image/png", "image/jpeg", "application/json"}
HIDDEN_NOTE = "# （这里还有隐藏检查，内容不公开 / hidden checks not shown）"


def _sanitizer() -> SanitizeHTML:
    return SanitizeHTML(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, strip=False, strip_comments=True)


def sanitize_html(html: str) -> str:
    """HTML with only formatting tags left; anything that could run is escaped."""
    return _sanitizer().sanitize_html_tags(html)


def safe_markdown(source: str) -> str:
    """Markdown that renders without scripts or ``javascript:`` links.

    The markdown is rendered as the feedback page will render it, then
    cleaned; when cleaning changed nothing the source is kept as written,
    otherwise the cleaned HTML takes its place (it renders the same way).
    """
    from nbconvert.filters.markdown import markdown2html

    rendered = markdown2html(source)
    cleaned = sanitize_html(rendered)
    if cleaned == rendered and not re.search(r"(?i)<\s*/?\s*(script|iframe|object|embed|style)|javascript:|vbscript:", source):
        return source
    return '<div class="crmlab-cleaned">\n' + cleaned + "\n</div>"


def clean_bundle(data: dict) -> dict:
    """An output's mimebundle without anything that can run: markdown becomes cleaned HTML."""
    from nbconvert.filters.markdown import markdown2html

    data = dict(data)
    markdown = data.pop("text/markdown", None)
    if isinstance(markdown, str) and "text/html" not in data:
        data["text/html"] = markdown2html(markdown)
    if isinstance(data.get("text/html"), str):
        data["text/html"] = sanitize_html(data["text/html"])
    for key in list(data):
        if key not in SAFE_OUTPUT_KEYS:
            del data[key]
    return data


def hide_hidden_tests(source: str, begin: str = "BEGIN HIDDEN TESTS", end: str = "END HIDDEN TESTS") -> str:
    """The test source without its hidden regions (an unclosed region hides everything after it)."""
    lines, out, hiding = source.splitlines(), [], False
    for line in lines:
        if begin.lower() in line.lower():
            hiding = True
            out.append(HIDDEN_NOTE)
            continue
        if end.lower() in line.lower():
            hiding = False
            continue
        if not hiding:
            out.append(line)
    return "\n".join(out)


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"\n……（输出过长，只显示前 {limit} 个字符）\n"


class FeedbackSafety(NbGraderPreprocessor):
    """Make the feedback copy of a graded notebook safe to hand to the student."""

    max_output_chars = Integer(20000, help="Characters kept of each output in feedback.").tag(config=True)
    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_test_delimeter = Unicode("END HIDDEN TESTS").tag(config=True)

    def preprocess(self, nb, resources):
        self._sanitize = _sanitizer()
        nb, resources = super().preprocess(nb, resources)
        notes = self._notes(nb)
        if notes:
            nb.cells.insert(0, nbformat.v4.new_markdown_cell("**评分说明**\n\n" + "\n".join(f"- {n}" for n in notes)))
        nb.metadata.pop("crmlab_grading", None)
        return nb, resources

    @staticmethod
    def _notes(nb) -> list[str]:
        info = nb.metadata.get("crmlab_grading") or {}
        return [re.sub(r"[<>]", "", str(n)) for n in info.get("notes", [])]

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            if nbutils.is_grade(cell) and not nbutils.is_solution(cell):
                cell.source = hide_hidden_tests(cell.source, self.begin_test_delimeter, self.end_test_delimeter)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream":
                    output["text"] = _cap(output.get("text", ""), self.max_output_chars)
                elif output.get("output_type") == "error":
                    output["evalue"] = _cap(output.get("evalue", ""), self.max_output_chars)
                    output["traceback"] = [_cap(t, 4000) for t in output.get("traceback", [])[-20:]]
                elif "data" in output:
                    for key in list(output["data"]):
                        if key.startswith("text/") and isinstance(output["data"][key], str):
                            output["data"][key] = _cap(output["data"][key], self.max_output_chars)
                    output["data"] = clean_bundle(output["data"])
        elif cell.cell_type == "markdown":
            cell.source = safe_markdown(cell.source)
        elif cell.cell_type == "raw":
            cell.source = sanitize_html(cell.source)
        comment = cell.metadata.get("nbgrader", {}).get("comment")
        if isinstance(comment, str):
            cell.metadata["nbgrader"]["comment"] = self._sanitize.sanitize_html_tags(comment)
        return cell, resources
