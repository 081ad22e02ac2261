"""Charts: Chart.js served from our static files, drawn from data tables that stay readable."""

from html.parser import HTMLParser
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template import Context, Template

from portal.selectors import ChartData
from portal.templatetags.portal_tags import chart_rows


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.tables: list[dict] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(dict(attrs))
        self._in_cell = tag in ("th", "td", "caption")

    def handle_data(self, data):
        if self._in_cell and data.strip():
            self.cells.append(data.strip())


def test_chart_js_is_vendored_with_its_licence_and_without_a_missing_source_map():
    script = Path(finders.find("portal/vendor/chartjs/chart.umd.min.js")).read_text()
    assert "Chart.js v4" in script[:200]
    assert "sourceMappingURL" not in script
    assert "MIT" in Path(finders.find("portal/vendor/chartjs/LICENSE.md")).read_text()
    assert finders.find("portal/js/charts.js")


def test_chart_rows_zip_labels_with_series():
    rows = chart_rows(["甲", "乙"], [("承诺", [3, 4]), ("逾期", [1])])
    assert rows == [("甲", [3, 1]), ("乙", [4, ""])]


def test_the_chart_include_takes_title_labels_and_series():
    html = Template(
        '{% include "portal/includes/chart_table.html" with title="等次分布" labels=labels '
        'series=series kind="line" %}'
    ).render(Context({"labels": ["优秀", "良好"], "series": [("单位数", [5, 7])]}))
    parser = Cells()
    parser.feed(html)
    assert parser.tables == [{"class": "table chart-table", "data-chart": "line"}]
    assert parser.cells == ["等次分布", "类别", "单位数", "优秀", "5", "良好", "7"]


def test_the_chart_include_takes_chart_data():
    chart = ChartData(title="承诺状态", labels=["已公开"], series=[("承诺", [12])])
    html = Template(
        '{% include "portal/includes/chart_table.html" with title=c.title labels=c.labels '
        "series=c.series kind=c.kind %}"
    ).render(Context({"c": chart}))
    assert 'data-chart="bar"' in html and "<caption>承诺状态</caption>" in html
    assert '<th scope="row">已公开</th><td>12</td>' in html


def test_every_page_loads_the_chart_script_from_our_static_files(client, portal_site):
    html = client.get("/").content.decode()
    assert 'src="/static/portal/js/charts.js"' in html
    assert 'data-chartjs="/static/portal/vendor/chartjs/chart.umd.min.js"' in html
