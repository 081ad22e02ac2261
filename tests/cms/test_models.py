from wagtail.models import Site

from cms.models import SiteSettings


def test_site_settings_are_one_row_per_site(db):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    settings.organiser = "澜江市信用办"
    settings.save()
    assert SiteSettings.for_site(site).organiser == "澜江市信用办"
    assert SiteSettings.objects.count() == 1


def test_administrator_edits_the_site_settings_in_the_back_office(client, admin_user):
    site = Site.objects.get(is_default_site=True)
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/admin/settings/cms/sitesettings/{site.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "site_name": "澜江市政务诚信",
        "contact_phone": "0999-81234567",
        "site_code": "9999000001",
    }
    for name in ("organiser", "operator", "address", "icp_number", "police_number", "footer_note"):
        data[name] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    assert SiteSettings.for_site(site).site_code == "9999000001"


def test_a_policy_page_shows_its_disclosure_metadata_in_chinese(client, portal_site):
    """Issue 16: 索引号, 文号 and 发布机构 of a policy page, with a Chinese date."""
    html = client.get("/policies/").content.decode()
    assert "索引号" in html and "113501000000000000/2026-00012" in html
    assert "澜政办〔2026〕12号" in html and "澜江市人民政府办公室" in html
    assert "发布日期" in html
