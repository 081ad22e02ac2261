"""Reusable StreamField blocks for portal pages (news, policy, about/method pages)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=200,
        help_text=_("Describe the image for readers who cannot see it."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class TableBlock(blocks.StructBlock):
    """A simple data table: a caption, a header row and rows of cells (no extra app needed)."""

    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)
    header = blocks.ListBlock(blocks.CharBlock(label=_("column")), label=_("header row"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("cell"), required=False), label=_("row")),
        label=_("rows"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "cms/blocks/table.html"


class NoticeBlock(blocks.StructBlock):
    """A quotation or a highlighted notice (e.g. a policy excerpt or a deadline reminder)."""

    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("quote", _("Quotation")), ("notice", _("Notice")), ("warning", _("Warning"))],
        default="notice",
    )
    text = blocks.TextBlock(label=_("text"))
    source = blocks.CharBlock(label=_("source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote or notice")
        template = "cms/blocks/notice.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, max_length=200, help_text=_("Defaults to the title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "cms/blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    """The standard body of a content page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageBlock()
    table = TableBlock()
    notice = NoticeBlock()
    document = DocumentLinkBlock()
