"""Display filters shared by the back office, the portal, e-mails and PDFs."""

from django import template

from integrity.core import display

register = template.Library()

register.filter("cn_date", display.cn_date)
register.filter("cn_datetime", display.cn_datetime)
register.filter("deadline", display.deadline_html)


@register.simple_tag
def backoffice_name() -> str:
    """The back office's name (WAGTAIL_SITE_NAME): titles, logo text, the login heading."""
    from django.conf import settings

    return settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def user_edits_portal(context) -> bool:
    """Whether the signed-in user edits portal pages (page search and page panels)."""
    from integrity.core.dashboard import edits_portal

    return edits_portal(context["request"].user)


register.filter("yes_no", display.cn_bool)
register.filter("money", display.cn_money)
register.filter("wan_yuan", display.cn_wan)
register.filter("number", display.cn_number)
register.filter("or_dash", lambda value: display.EMPTY if value in (None, "") else value)
register.filter("cn_value", display.cn_value)
