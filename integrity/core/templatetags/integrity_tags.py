"""Display filters shared by the back office, the portal, e-mails and PDFs."""

from django import template

from integrity.core import display

register = template.Library()

register.filter("cn_date", display.cn_date)
register.filter("cn_datetime", display.cn_datetime)
register.filter("deadline", display.deadline_html)
