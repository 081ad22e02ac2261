"""Portal page types: the home page, news and standard (about/method) pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models import ContentPage
from portal import selectors


class HomePage(Page):
    """The portal's home page."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.SectionPage", "portal.NewsIndexPage", "portal.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["key_figures"] = selectors.key_figures()
        context["alerts"] = selectors.alerts()
        context["latest_results"] = selectors.latest_results()
        context["status_chart"] = selectors.commitment_status_chart()
        context["latest_news"] = selectors.latest_news(limit=6)
        return context


class Section(models.TextChoices):
    """The public sections; each page's slug is the URL prefix of the view that serves it."""

    COMMITMENTS = "commitments", _("Commitments")
    RECORDS = "records", _("Dishonesty records")
    RED_LIST = "red_list", _("Red list")
    REPLIES = "replies", _("NPC/CPPCC replies")
    RESULTS = "results", _("Assessment results")
    REPORT = "report", _("Report a broken promise")
    MONITORING = "monitoring", _("Monthly monitoring")
    OPEN_DATA = "open_data", _("Open data")
    SEARCH = "search", _("Search")


class SectionPage(Page):
    """A public section (承诺, 失信记录 …) in the page tree.

    The registry's Django view answers at the page's URL (Django URLs come before Wagtail's
    catch-all), so the tree gives menus, breadcrumbs and the editable introduction while the
    view shows the data. Wagtail serves the page itself only when no view is installed.
    """

    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    intro = StreamField(BodyBlock(), verbose_name=_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("section"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage", "portal.SectionPage"]
    subpage_types = ["portal.SectionPage"]

    class Meta:
        verbose_name = _("section page")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        taken = SectionPage.objects.filter(section=self.section).exclude(pk=self.pk)
        if self.section and taken.exists():
            raise ValidationError({"section": _("Another page already stands for this section.")})


class NewsIndexPage(Page):
    """The list of news items (新闻动态)."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]
    page_size = 10

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        items = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["news_items"] = Paginator(items, self.page_size).get_page(request.GET.get("page"))
        return context


class NewsPage(ContentPage):
    """One news item."""

    date = models.DateField(_("date"), default=timezone.localdate)

    content_panels = ContentPage.content_panels[:1] + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = ContentPage.search_fields + [index.FilterField("date")]
    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news page")


class StandardPage(ContentPage):
    """A plain content page: about the platform, assessment method, policy texts."""

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


from portal.search_index import SearchEntry  # noqa: E402,F401  (issue 17: search index)
from portal.summary import CommitmentSummary  # noqa: E402,F401  (issue 17: home figures)
