"""Rich text of report summaries, made safe for display.

A summary is typed in a textarea: plain paragraphs, or a few formatting tags (bold, italic,
lists, small headings) pasted from a word processor. It is stored as typed and cleaned on
output with an allow-list: every other tag is dropped (script and style with their content),
every attribute is dropped, and all text is escaped. Nothing the user typed is ever marked
safe unchanged.
"""

from html import escape
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote"}
)
VOID_TAGS = frozenset({"br"})
DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in DROP_WITH_CONTENT:
            self.skipping += 1
        elif not self.skipping and tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}>")
            if tag not in VOID_TAGS:
                self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.skipping and tag in VOID_TAGS:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in self.open:
            # Close everything opened inside it, so the output is always well nested.
            while self.open:
                inner = self.open.pop()
                self.out.append(f"</{inner}>")
                if inner == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.open))


def clean_html(text: str) -> str:
    """Allow-listed HTML for `text`; plain text gets paragraphs and line breaks."""
    if "<" not in text:
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        return "".join(
            "<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
        )
    cleaner = _Cleaner()
    cleaner.feed(text)
    return cleaner.result()


def plain_text(text: str) -> str:
    """The text of `text` without any markup, paragraphs on their own lines (for DOCX)."""

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skipping = 0

        def handle_starttag(self, tag, attrs) -> None:
            if tag in DROP_WITH_CONTENT:
                self.skipping += 1
            elif tag in {"p", "br", "li", "h3", "h4", "blockquote", "div"}:
                self.parts.append("\n")

        def handle_endtag(self, tag) -> None:
            if tag in DROP_WITH_CONTENT:
                self.skipping = max(0, self.skipping - 1)

        def handle_data(self, data) -> None:
            if not self.skipping:
                self.parts.append(data)

    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = "".join(parser.parts).replace("\r\n", "\n").split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())
