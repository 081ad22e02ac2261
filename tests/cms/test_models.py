from wagtail.models import Site

from cms.models import SiteSettings


def test_site_settings_are_one_row_per_site(db):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    settings.organiser = "澜江市信用办"
    settings.save()
    assert SiteSettings.for_site(site).organiser == "澜江市信用办"
    assert SiteSettings.objects.count() == 1
