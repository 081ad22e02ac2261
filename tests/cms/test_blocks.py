from wagtail.rich_text import RichText

from cms.blocks import BodyBlock


def render(stream_data):
    block = BodyBlock()
    return block.render(block.to_python(stream_data))


def test_body_blocks_render_headings_tables_and_notices():
    html = render(
        [
            {"type": "heading", "value": {"text": "工作目标", "level": "h3"}},
            {"type": "paragraph", "value": "<p>正文</p>"},
            {
                "type": "table",
                "value": {
                    "caption": "安排",
                    "header": ["阶段", "时间"],
                    "rows": [["摸底", "11月"]],
                },
            },
            {"type": "notice", "value": {"kind": "quote", "text": "引文", "source": "国发"}},
            {"type": "notice", "value": {"kind": "warning", "text": "注意", "source": ""}},
        ]
    )
    assert "<h3>工作目标</h3>" in html
    assert "<p>正文</p>" in html
    assert '<th scope="col">阶段</th>' in html and "<td>摸底</td>" in html
    assert "<caption>安排</caption>" in html
    assert "<blockquote" in html and "— 国发" in html
    assert 'class="notice notice-warning"' in html


def test_paragraph_block_keeps_rich_text():
    assert isinstance(BodyBlock().child_blocks["paragraph"].to_python("<p>x</p>"), RichText)
