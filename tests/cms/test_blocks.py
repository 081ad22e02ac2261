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


def test_image_and_document_blocks_render_local_files(db):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="会议现场", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="考核办法", file=ContentFile(b"%PDF-1.4", name="method.pdf")
    )
    html = render(
        [
            {"type": "image", "value": {"image": image.pk, "caption": "培训会", "alt_text": ""}},
            {"type": "document", "value": {"document": document.pk, "title": ""}},
        ]
    )
    assert 'alt="会议现场"' in html and "<figcaption>培训会</figcaption>" in html
    assert 'src="/media/images/' in html  # a local rendition, never a remote URL
    assert f'href="{document.url}"' in html and ">考核办法</a>" in html and "PDF" in html
