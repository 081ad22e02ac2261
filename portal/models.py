"""Portal page types: the home page, news and standard (about/method) pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models import ContentPage
from portal import selectors


class HomePage(Page):
    """The portal's home page."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.NewsIndexPage", "portal.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["key_figures"] = selectors.key_figures()
        context["latest_news"] = selectors.latest_news(limit=6)
        return context


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
