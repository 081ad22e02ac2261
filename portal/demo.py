"""Demo portal: home page as site root, news, about/method/policy pages and site settings.

Idempotent: pages are found by slug and created only when missing.
"""

import datetime

from django.contrib.auth.models import Group

from wagtail.models import Collection, Page, Site

from cms.models import SiteSettings
from portal.models import HomePage, NewsIndexPage, NewsPage, Section, SectionPage, StandardPage


def _p(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def _h(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _notice(text: str, source: str = "", kind: str = "notice") -> dict:
    return {"type": "notice", "value": {"kind": kind, "text": text, "source": source}}


def _table(caption: str, header: list[str], rows: list[list[str]]) -> dict:
    return {"type": "table", "value": {"caption": caption, "header": header, "rows": rows}}


NEWS = [
    {
        "slug": "commitment-lists-published",
        "title": "澜江市全面公开乡镇（街道）政务承诺事项清单",
        "date": datetime.date(2026, 11, 18),
        "summary": "全市32个乡镇（街道）的承诺事项清单已在平台集中公开，接受群众监督。",
        "body": _p(
            "近日，澜江市32个乡镇（街道）按照统一格式完成政务承诺事项清单的编制和审核，"
            "并在本平台集中公开。清单列明承诺事项、类型、内容、目标、时限、责任单位和责任人，"
            "以及践诺进展和状态。",
            "市信用办有关负责人表示，承诺清单公开后，各单位须按月报告进展并上传佐证材料；"
            "逾期未兑现的事项将在平台上自动标注，并纳入年度政务诚信考核。",
        )
        + [_notice("群众发现承诺未兑现，可通过平台“我要举报”栏目反映，凭查询码跟踪办理进度。")],
    },
    {
        "slug": "sme-payment-campaign",
        "title": "市政府部署保障中小企业款项支付专项行动",
        "date": datetime.date(2026, 11, 6),
        "summary": "对机关、事业单位拖欠中小企业账款开展集中清理，逾期款项一律在平台登记。",
        "body": [
            _h("工作目标"),
            *_p(
                "专项行动要求各级机关、事业单位自货物、工程、服务交付之日起30日内支付款项，"
                "合同另有约定的，付款期限最长不得超过60日。",
                "对逾期未支付的款项，各单位须在平台逐笔登记合同、验收日期、应付金额和实付情况，"
                "按约定利率计算逾期利息。",
            ),
            _table(
                "专项行动时间安排",
                ["阶段", "时间", "主要任务"],
                [
                    ["摸底排查", "2026年11月", "各单位自查并登记逾期账款"],
                    ["集中清偿", "2026年12月", "制定清偿计划，按期支付"],
                    ["督查通报", "2027年1月", "市信用办抽查核实并通报结果"],
                ],
            ),
        ],
    },
    {
        "slug": "npc-suggestions-replies",
        "title": "市十七届人大五次会议代表建议办理答复全部公开",
        "date": datetime.date(2026, 10, 28),
        "summary": "286件代表建议已全部办结答复，答复全文和代表满意度评价在平台公开。",
        "body": _p(
            "市十七届人大五次会议期间，代表共提出建议286件，经交办由42个承办单位办理。"
            "截至10月底，全部建议已办结并答复代表，其中所提问题已经解决或基本解决的占"
            "63.6%，列入计划逐步解决的占28.3%。",
            "对答复为“正在解决”“计划解决”的事项，平台已自动生成跟踪承诺，"
            "到期未落实的将提示承办单位并抄送市人大常委会选任联工委。",
        ),
    },
    {
        "slug": "assessment-scheme-2026",
        "title": "2026年度政务诚信考核评价指标体系印发",
        "date": datetime.date(2026, 10, 15),
        "summary": "指标体系分为承诺践诺、失信治理、建议提案办理、诚信教育等四个方面。",
        "body": _p(
            "市考核办印发《澜江市2026年度政务诚信考核评价指标体系》，"
            "考核对象为各县（市、区）人民政府、开发区管委会和市直部门。",
            "指标体系共设一级指标4个、二级指标15个，满分100分，另设加分和扣分项目。"
            "考核结果分为优秀、良好、一般、较差四个等次，在平台公开。",
        )
        + [_notice("各单位应于2027年1月15日前完成自评并上传佐证材料。", "市考核办")],
    },
    {
        "slug": "dishonesty-repair-training",
        "title": "市信用办举办政务失信记录认定与信用修复业务培训",
        "date": datetime.date(2026, 9, 24),
        "summary": "培训围绕失信记录的认定程序、异议处理和信用修复条件展开。",
        "body": _p(
            "9月23日，市信用办举办政务失信记录认定与信用修复业务培训，"
            "各县（市、区）信用办和市直部门经办人员120余人参加。",
            "培训强调，政务失信记录须依法依规认定，认定前应告知当事单位并听取陈述申辩；"
            "失信行为纠正到位、满足公示期限的，可以按程序申请信用修复。",
        ),
    },
    {
        "slug": "livelihood-projects-progress",
        "title": "2026年澜江市十件民生实事进展过半",
        "date": datetime.date(2026, 9, 10),
        "summary": "老旧小区改造、停车泊位建设等十件民生实事总体进度达到58%。",
        "body": _p(
            "今年以来，市政府承诺的十件民生实事稳步推进。截至8月底，老旧小区改造开工"
            "46个，新增公共停车泊位3200个，城乡居民医保参保率保持在95%以上。",
            "每件民生实事的目标、预算、责任单位和完成时限均在平台公开，"
            "进展情况每月更新，欢迎社会各界监督。",
        ),
    },
]

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "关于平台",
        "summary": "澜江市政务诚信监督评价平台是公开政府承诺、接受社会监督的综合窗口。",
        "body": _p(
            "平台由澜江市社会信用体系建设领导小组办公室主办，集中公开各级政府和部门的"
            "承诺践诺情况、政务失信记录、人大代表建议和政协委员提案办理答复，"
            "以及年度政务诚信考核评价结果。",
            "平台公开的信息不包含个人身份证号码、住址、手机号码等个人信息。"
            "本平台为演示系统，所涉地名、单位和数据均为虚构。",
        ),
    },
    {
        "slug": "method",
        "title": "评价方法",
        "summary": "政务诚信考核评价的对象、指标、计分规则和等次划分。",
        "body": [
            _h("评价对象"),
            *_p("各县（市、区）人民政府、开发区管委会，市直各部门，乡镇人民政府和街道办事处。"),
            _h("指标与权重"),
            _table(
                "一级指标",
                ["指标", "分值", "主要内容"],
                [
                    ["承诺践诺", "40", "承诺公开、按期兑现、违诺补偿"],
                    ["失信治理", "25", "失信记录、整改和信用修复"],
                    ["建议提案办理", "20", "按时答复、办理质量、代表委员满意度"],
                    ["诚信教育与制度建设", "15", "培训、公务员诚信档案、制度完善"],
                ],
            ),
            _h("等次划分"),
            *_p("总分90分以上为优秀，80分至89分为良好，60分至79分为一般，60分以下为较差。"),
            _notice("分值和等次界限以当年印发的指标体系为准。", kind="warning"),
        ],
    },
    {
        "slug": "policies",
        "title": "政策文件",
        "summary": "政务诚信建设相关的法规和政策文件。",
        "index_number": "113501000000000000/2026-00012",
        "document_number": "澜政办〔2026〕12号",
        "issuing_body": "澜江市人民政府办公室",
        "body": _p(
            "《国务院关于加强政务诚信建设的指导意见》（国发〔2016〕76号）",
            "《保障中小企业款项支付条例》",
            "《澜江市政务失信记录管理办法（试行）》",
            "《澜江市政务诚信考核评价办法》",
        ),
    },
]

# (section, slug = the Django URL prefix, title, in menus, introduction); nested ones follow
# their parent's entry as (parent slug, …).
SECTIONS = [
    (
        Section.COMMITMENTS,
        "commitments",
        "承诺践诺",
        True,
        "各级政府和部门公开的承诺事项，按市、县、乡镇逐级查看承诺内容、时限、进展和兑现情况。",
    ),
    (
        Section.RECORDS,
        "records",
        "失信记录",
        True,
        "依法认定的政务失信记录，公示期内向社会公开；正在异议处理的记录予以标注。",
    ),
    (
        Section.REPLIES,
        "replies",
        "建议提案办理",
        True,
        "人大代表建议和政协委员提案的办理答复全文，以及代表委员对办理工作的评价。",
    ),
    (
        Section.RESULTS,
        "results",
        "考核结果",
        True,
        "年度政务诚信考核评价结果：排名、得分、等次和评价方法。",
    ),
    (
        Section.MONITORING,
        "monitoring",
        "月度监测",
        True,
        "每月初发布上月政务诚信监测报告：逾期和违诺承诺、失信记录、投诉处理和建议提案办理进展。",
    ),
    (
        Section.OPEN_DATA,
        "open-data",
        "开放数据",
        True,
        "平台公开信息的CSV和JSON数据下载，附数据说明和使用许可。",
    ),
    (
        Section.REPORT,
        "report",
        "我要举报",
        True,
        "发现政府承诺未兑现，可在此反映；提交后凭查询码查询办理进度。",
    ),
    (
        Section.SEARCH,
        "search",
        "站内搜索",
        False,
        "搜索承诺事项、失信记录、建议提案答复和新闻。",
    ),
]
SUBSECTIONS = [
    (
        "records",
        Section.RED_LIST,
        "red-list",
        "诚信红名单",
        True,
        "无失信记录且承诺兑现率达到规定标准的单位。",
    ),
]

SETTINGS = {
    "site_name": "澜江市政务诚信监督评价平台",
    "organiser": "澜江市社会信用体系建设领导小组办公室",
    "operator": "澜江市发展和改革委员会",
    "contact_phone": "0999-81234567",
    "address": "澜江市滨江大道1号市民中心",
    "icp_number": "澜ICP备20260001号",
    "police_number": "澜公网安备99010202000001号",
    "site_code": "9999000001",
    "footer_note": "本平台为演示系统，所涉地名、单位、人员和数据均为虚构。",
}


def _child(parent: Page, model, slug: str, **fields) -> Page:
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    return page


def _home() -> HomePage:
    for page in Page.objects.filter(depth=2):
        if page.specific_class is Page:  # Wagtail's "Welcome" placeholder
            # A tree delete, not page.delete(): removing an install artefact is no editor's
            # action, and a history row would show Wagtail's English title forever.
            Page.objects.filter(pk=page.pk).delete()
    Page.objects.filter(depth=1, title="Root").update(title="根目录", draft_title="根目录")
    Collection.objects.filter(depth=1, name="Root").update(name="全部文件")
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title="澜江市政务诚信监督评价平台",
                slug="home",
                intro="公开政府承诺，接受群众监督：承诺践诺、失信记录、建议提案办理和年度考核结果。",
            )
        )
    return home


def _portal_editors(context: dict) -> None:
    """Portal editors write pages in Wagtail's "Editors" group; publishing goes through the
    default moderation workflow, approved by a moderator (or the administrator)."""
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for user in context.get("users", {}).values():
        if getattr(user, "role", "") == "portal_editor":
            user.groups.add(editors)


def _sections(home: HomePage) -> dict[str, SectionPage]:
    pages = {}
    for section, slug, title, in_menu, intro in SECTIONS:
        pages[slug] = _child(
            home,
            SectionPage,
            slug,
            title=title,
            section=section,
            show_in_menus=in_menu,
            intro=_p(intro),
        )
    for parent, section, slug, title, in_menu, intro in SUBSECTIONS:
        _child(
            pages[parent],
            SectionPage,
            slug,
            title=title,
            section=section,
            show_in_menus=in_menu,
            intro=_p(intro),
        )
    return pages


def load(context: dict) -> None:
    home = _home()
    site, _created = Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "澜江市政务诚信",
        },
    )
    context["sections"] = _sections(home)
    news_index = _child(
        home,
        NewsIndexPage,
        "news",
        title="新闻动态",
        show_in_menus=True,
        intro="政务诚信建设工作动态。",
    )
    for item in NEWS:
        _child(news_index, NewsPage, **item)
    for item in STANDARD_PAGES:
        _child(home, StandardPage, show_in_menus=True, **item)
    SiteSettings.objects.update_or_create(site=site, defaults=SETTINGS)
    _portal_editors(context)
    context["home"] = home
    context["news_index"] = news_index
    _files()


def _files() -> None:
    """One portal document and one picture, uploaded as an editor would."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from integrity.core.demo_files import sample_pdf, sample_png

    get_document_model().objects.create(
        title="澜江市政务诚信建设实施方案", file=sample_pdf("实施方案.pdf")
    )
    get_image_model().objects.create(title="政务服务中心", file=sample_png("服务中心.png"))
