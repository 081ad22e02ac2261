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


class Subscription(models.Model):
    """An e-mail subscription to one unit's news or to the dishonesty register.

    Double opt-in: it sends nothing until the address confirms the link it was mailed;
    the same token in every e-mail unsubscribes with one click.
    """

    email = models.EmailField(_("e-mail"))
    unit = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portal_subscriptions",
        help_text=_("Empty: the dishonesty register."),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail subscription")
        verbose_name_plural = _("e-mail subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit or _('Dishonesty register')}"

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.cancelled_at is None


class ReporterUpdate(models.Model):
    """A status update sent to the reporter of a citizen report (one per status reached).

    Holds no contact data: the address is read from the report when sending.
    """

    complaint = models.ForeignKey(
        "records.Complaint",
        verbose_name=_("citizen report"),
        on_delete=models.CASCADE,
        related_name="reporter_updates",
    )
    status = models.CharField(_("status"), max_length=16)
    channels = models.CharField(_("channels"), max_length=40, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reporter update")
        verbose_name_plural = _("reporter updates")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "status"], name="portal_reporter_update_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.status}"


from portal.search_index import SearchEntry  # noqa: E402,F401  (issue 17: search index)
from portal.summary import CommitmentSummary  # noqa: E402,F401  (issue 17: home figures)
