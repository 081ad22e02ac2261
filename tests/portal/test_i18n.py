from pathlib import Path

import polib
import pytest

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in p.relative_to(ROOT).parts
)
IDS = [str(p.relative_to(ROOT)) for p in CATALOGUES]


def translations(entries) -> dict:
    result = {}
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
        if entry.msgid_plural:
            result[key] = tuple(v for _k, v in sorted(entry.msgstr_plural.items()))
        else:
            result[key] = entry.msgstr
    return result


def test_the_core_portal_and_cms_catalogues_exist():
    for app in ("integrity/core", "portal", "cms"):
        assert ROOT / app / "locale/zh_Hans/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=IDS)
def test_every_message_is_translated_and_none_is_fuzzy(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    plural_gaps = [e.msgid for e in po if e.msgid_plural and not all(e.msgstr_plural.values())]
    assert untranslated == []
    assert plural_gaps == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=IDS)
def test_the_compiled_catalogue_is_up_to_date(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"run scripts/compile_messages.py for {po_path}"
    po_entries = translations(polib.pofile(str(po_path)))
    mo_entries = translations(polib.mofile(str(mo_path)))
    assert mo_entries == po_entries


def test_home_page_is_chinese_by_default(client, portal_site):
    html = client.get("/").content.decode()
    assert '<html lang="zh-Hans">' in html
    for text in ("跳到正文", "承诺践诺", "我要举报", "主要数据", "最新动态", "主办单位"):
        assert text in html
    assert "Skip to content" not in html


def test_visitor_switches_the_portal_to_english_and_back(client, portal_site):
    response = client.get("/language/", {"language": "en", "next": "/news/"})
    assert response.status_code == 302
    assert response["Location"] == "/news/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    for text in ("Skip to content", "Commitments", "Report a broken promise", "Latest news"):
        assert text in html
    assert ">承诺践诺</a>" not in html

    client.get("/language/", {"language": "zh-hans", "next": "/"})
    assert ">承诺践诺</a>" in client.get("/").content.decode()


def test_an_english_browser_still_gets_chinese_until_the_visitor_switches(client, portal_site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-Hans">' in html


def test_the_switcher_refuses_to_redirect_to_another_host(client, portal_site):
    response = client.get("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_language_switcher_is_a_pair_of_links_so_pages_stay_cacheable(client, portal_site):
    response = client.get("/news/")
    html = response.content.decode()
    switch = html.split('<nav class="lang-switch"')[1].split("</nav>")[0]
    assert "/language/?language=zh-hans&amp;next=/news/" in switch
    assert "/language/?language=en&amp;next=/news/" in switch
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
