"""Demo portal: the home page as the root of the default site."""

from wagtail.models import Page, Site

from portal.models import HomePage


def load(context: dict) -> None:
    root = Page.get_first_root_node()
    for page in Page.objects.filter(depth=2):
        if page.specific_class is Page:  # Wagtail's "Welcome" placeholder
            page.delete()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(
            title="澜江市政务诚信监督评价平台", slug="home",
            intro="公开政府承诺，接受群众监督：承诺践诺、失信记录、建议提案办理和年度考核结果。",
        ))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "port": 80, "root_page": home, "site_name": "澜江市政务诚信",
    })
    context["home"] = home
