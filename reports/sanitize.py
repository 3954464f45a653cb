"""Text of report summaries, problems and typical cases, made safe for display.

Clerks type plain text: paragraphs separated by an empty line, line breaks kept; it is escaped
and laid out as paragraphs. Older summaries were written with a few formatting tags (the help
text used to ask for them), and text pasted from a web page may hold some: text holding a tag
is cleaned with nh3 (Rust's ammonia, an HTML5 parser) against the allow-list below, every
other tag dropped (script and style with their content) and every attribute dropped, so no
on… handler, style or javascript: URL survives. Nothing typed is ever marked safe unchanged.
"""

import re
from html import escape, unescape

import nh3

# Formatting that an older summary may carry and that is still shown.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote"}
)
# No attribute on any tag: nothing in a summary needs one, and each is a way to run script
# (on…), restyle the page (style) or lead the reader elsewhere (href, src).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {}
# Dropped together with their content, not just unwrapped.
DROP_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea"}
)
# The tags after which the plain-text version (DOCX) starts a new line.
LINE_BREAKING_TAGS: frozenset[str] = frozenset({"p", "br", "li", "h3", "h4", "blockquote", "div"})

# A tag as HTML writes it (<p>, </strong>, <img src=x>); "<<质量法>>" or "合格率<95%" are text.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def is_html(text: str) -> bool:
    """Whether `text` was written as HTML (an older summary, pasted markup) or typed as text."""
    return bool(_TAG.search(text))


def _paragraphs(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


def clean_html(text: str) -> str:
    """Safe HTML for `text`: typed text as escaped paragraphs, markup through the allow-list."""
    if not is_html(text):
        return _paragraphs(text)
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags=set(DROP_WITH_CONTENT),
        url_schemes=set(),
        link_rel=None,
    )


def plain_text(text: str) -> str:
    """The text of `text` without any markup, paragraphs on their own lines (for DOCX)."""
    if is_html(text):
        kept = nh3.clean(
            text,
            tags=set(LINE_BREAKING_TAGS),
            attributes={},
            clean_content_tags=set(DROP_WITH_CONTENT),
            link_rel=None,
        )
        # Only attribute-less line-breaking tags are left, and text's own < > are escaped.
        text = unescape(re.sub(r"<[^>]*>", "\n", kept))
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())
