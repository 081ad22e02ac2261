# ruff: noqa: E501 (messages are quoted exactly as Wagtail writes them)
"""Messages of Wagtail and django-filter that their own zh_Hans catalogues lack.

They are translated in this app's catalogue (the first one Django reads); listing them
here keeps them there when ``make messages`` rebuilds the catalogue from the sources.
Never called.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext


def third_party_messages(n: int) -> list[str]:  # pragma: no cover
    return [
        _(
            'JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
        ),
        _("Sort by '%(label)s' in ascending order."),
        _("Sort by '%(label)s' in descending order."),
        _("Actions (footer)"),
        _("Use server language: %(language_name)s"),
        _("Can access Wagtail admin"),
        _("items"),
        _("Go to the first error"),
        _(
            "Preview cannot display due to validation errors. <br /> Click save to highlight the relevant fields."
        ),
        _("Wagtail %(current_version)s editor guide"),
        ngettext(
            '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
            n,
        ),
        ngettext(
            '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
            n,
        ),
        ngettext(
            '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
            n,
        ),
        _(
            "The root level is where you can add new sites to your Wagtail installation. Pages created here will not be accessible at any URL until they are associated with a site."
        ),
        _(
            "If you just want to add pages to an existing site, create them as children of the homepage instead."
        ),
        _(
            "Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage."
        ),
        _(
            "There is no site set up for this location. Pages created here will not be accessible at any URL until a site is associated with this location."
        ),
        _(
            "There is no site record for this location. Pages created here will not be accessible at any URL."
        ),
        _("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."),
        _(
            "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."
        ),
        _("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
        _("Anyone with editing permissions can create schedules"),
        _("Locked by <b>you</b> at <b>%(locking_date)s</b>"),
        _("Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>"),
        _("Saved"),
        _("Autosave is paused"),
        _("Autosave is <span>paused</span>"),
        _("Edit account avatar"),
        _("Show issue"),
        _("Content metrics"),
        _("Words"),
        _("Reading time"),
        _("Readability"),
        _("This data explained"),
        _("Locking: "),
        _("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
        _("Anyone can edit this %(model_name)s"),
        _("To be created by %(user)s"),
        _("Correct the validation errors to resume preview (saving will highlight errors)"),
        _("Checks"),
        _("Show keyboard shortcuts"),
        ngettext("Referenced %(count)s time", "Referenced %(count)s times", n),
        _("Toggle checks"),
        _("Image alt text has inappropriate pattern"),
        _("Theme preferences"),
        _("New: %(model_name)s"),
        _("There are validation errors, click save to highlight them."),
        _("(Private %(object)s)"),
        _("Search all pages…"),
        _("The page could not be created due to validation errors."),
        _("The page could not be saved due to validation errors."),
        _("Is commenting action"),
        _("Date updated"),
        _("Edited by"),
        _("Has child pages"),
        _("Any"),
        _("Page type"),
        _("Exploring"),
        _("Page types usage"),
        _("Locked by"),
        _("Anyone"),
        _("By task"),
        _("By workflow"),
        _("Show disabled"),
        _("Required. Letters, digits and @/./+/-/_ only."),
        _("More contrast"),
        _("Snug"),
        _("Enable custom keyboard shortcuts specific to Wagtail."),
        _("Toggle all change permissions"),
        _("Toggle all delete permissions"),
        _("Toggle all custom permissions"),
        _("Can view"),
        _("Grid layout"),
        _("List layout"),
        _("Oldest"),
        _("Usage count: (low to high)"),
        _("Usage count: (high to low)"),
        _("Image focal point"),
        _("is null"),
        _("Locked by you"),
        _("Locked by another user"),
        _("Locked by workflow"),
        _("Locked by schedule"),
        _("Private, accessible with a shared password"),
        _("Private, accessible to any logged-in users"),
        _(
            "Pages/snippets at this step in a workflow will be moderated or approved by these groups of users"
        ),
        _("Scheduling…"),
        _("Schedule to publish"),
        _("Privacy and access"),
        _("Your pages and snippets in a workflow"),
        _("Date cannot be in the future."),
        _("- Select an option -"),
        _("Unknown content type"),
        _("density"),
        _("admin theme"),
        _("contrast"),
        _("Created by"),
        _("Root"),
        ngettext("Moved down 1 place.", "Moved down %(counter)s places.", n),
        ngettext("Moved up 1 place.", "Moved up %(counter)s places.", n),
        _('There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'),
        _("This %(model_name)s is currently awaiting moderation."),
        _("Publishing this %(model_name)s will cancel the current workflow."),
        _("You can preview the %(model_name)s here:"),
        _("No results across entire site."),
        ngettext("There is one matching page", "There are %(counter)s matching pages", n),
        _("Choose when this page should go live and/or expire"),
        _("Choose when this %(model_name)s should go live and/or expire"),
        _("week day"),
        _("Field filters"),
        _("Multiple values may be separated by commas."),
        _("Range query expects two values."),
        _("Select a lookup."),
        _("Today"),
        _("Yesterday"),
        _("Past 7 days"),
        _("This year"),
        _("is greater than"),
        _("is greater than or equal to"),
        _("is less than"),
        _("is less than or equal to"),
        _("contains"),
        _("is in"),
        _("starts with"),
        _("ends with"),
        _("is in range"),
        _("exclude"),
        _("%s (descending)"),
        _("Port"),
        _("Root page"),
        _("Site name"),
        _("Created at"),
        _("The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"),
        _("Inspect"),
    ]
