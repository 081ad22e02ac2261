"""Wagtail foundations shared by the portal: site settings and an abstract content page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the portal header and footer show; one row per Wagtail site."""

    site_name = models.CharField(_("site name"), max_length=100, blank=True)
    organiser = models.CharField(
        _("organiser"), max_length=100, blank=True, help_text=_("The unit that sponsors the site.")
    )
    operator = models.CharField(
        _("operating unit"),
        max_length=100,
        blank=True,
        help_text=_("The unit that runs the site day to day."),
    )
    contact_phone = models.CharField(
        _("office telephone"),
        max_length=40,
        blank=True,
        help_text=_("The office's public telephone number, never a personal one."),
    )
    address = models.CharField(_("office address"), max_length=200, blank=True)
    icp_number = models.CharField(_("ICP registration number"), max_length=60, blank=True)
    police_number = models.CharField(
        _("public security registration number"), max_length=60, blank=True
    )
    site_code = models.CharField(_("government website code"), max_length=20, blank=True)
    footer_note = models.CharField(_("footer note"), max_length=300, blank=True)

    panels = [
        FieldPanel("site_name"),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("operator"),
                FieldPanel("contact_phone"),
                FieldPanel("address"),
            ],
            heading=_("Footer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("site_code"),
                FieldPanel("footer_note"),
            ],
            heading=_("Registration"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


class ContentPage(Page):
    """Abstract base of content pages: a summary for lists and a StreamField body."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    # 政务公开 metadata of a published government document (policy pages).
    index_number = models.CharField(_("index number"), max_length=60, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=120, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("index_number"), FieldPanel("document_number"), FieldPanel("issuing_body")],
            heading=_("Government information disclosure"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    @property
    def has_disclosure_metadata(self) -> bool:
        return bool(self.index_number or self.document_number or self.issuing_body)
