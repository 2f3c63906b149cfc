"""Markdown to safe HTML, for national pages and for what a functioneel beheerder writes.

Python-Markdown passes raw HTML through, so its output is never trusted: nh3 (ammonia)
cleans it against a small allow-list. No raw HTML, script, event handler, style or
javascript: URL survives; links keep only http(s), mailto and tel schemes or relative URLs.
"""

import html
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: Heading ids carry a prefix, different for national and local text, so that a page that
#: shows both never has the same id twice, and no text can take an id the templates use.
NATIONAL_PREFIX = "h-"
LOCAL_PREFIX = "l-"
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _heading_id_pattern(prefix: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(prefix)}[a-z0-9-]{{1,80}}$")


def _attribute_filter(pattern: re.Pattern):
    def keep(tag: str, attribute: str, value: str) -> str | None:
        # Only ids with this text's prefix (as the toc extension makes them), so raw HTML
        # cannot clobber ids the surrounding templates use, such as indicator anchors.
        if attribute == "id":
            return value if pattern.match(value) else None
        return value

    return keep


class _DemoteTitles(Treeprocessor):
    """The page title is the only h1; a `#` heading in Markdown becomes an h2."""

    def run(self, root: Element) -> None:
        for element in root.iter("h1"):
            element.tag = "h2"


class _DemoteTitlesExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_DemoteTitles(md), "baken_demote_titles", 30)


def _heading_slugger(prefix: str):
    def heading_slug(value: str, separator: str) -> str:
        return prefix + (slugify(value)[:70] or "sectie")

    return heading_slug


@dataclass(frozen=True)
class Rendered:
    html: SafeString
    #: (id, text) of the h2 headings, for an "on this page" list.
    headings: tuple[tuple[str, str], ...]


def render_markdown(source: str, *, id_prefix: str = NATIONAL_PREFIX) -> Rendered:
    """Safe HTML of a Markdown text. Local (municipal) text uses id_prefix=LOCAL_PREFIX."""
    pattern = _heading_id_pattern(id_prefix)
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", _DemoteTitlesExtension()],
        extension_configs={"toc": {"slugify": _heading_slugger(id_prefix), "toc_depth": "2"}},
        output_format="html",
    )
    raw = md.convert(source or "")
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter(pattern),
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    headings = tuple(
        (token["id"], html.unescape(token["name"]))
        for token in getattr(md, "toc_tokens", [])
        if token["level"] == 2 and pattern.match(token["id"])
    )
    return Rendered(html=mark_safe(clean), headings=headings)  # noqa: S308 (cleaned by nh3 above)


def plain_text(source: str) -> str:
    """The readable text of a Markdown source, for search and excerpts."""
    cleaned = nh3.clean(str(render_markdown(source).html), tags=set(), clean_content_tags={"script", "style"})
    return re.sub(r"\s+", " ", html.unescape(cleaned)).strip()
