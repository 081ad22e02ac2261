"""Demo data: one year of suggestions (~150) and proposals (~100) in every state.

Built with bulk inserts; B replies go through the service so their follow-up
commitments are real.
"""

import datetime
import random

from django.utils import timezone

from integrity.core.models import Organisation

from . import services
from .models import Assignment, Communication, Item, Kind, Member, Rating, Reply

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "建华国强秀英丽娟志明海燕红梅文军晓东春兰振华雅琴立新佩玲明辉小平"
SECTORS = ["中共界", "民革界", "民盟界", "经济界", "教育界", "医药卫生界", "农业界", "科技界"]
TOPICS = [
    "老旧小区停车难",
    "城区交通拥堵治理",
    "农村饮水安全",
    "中小学课后服务",
    "基层医疗服务能力",
    "养老服务设施建设",
    "农村道路养护",
    "城市内涝治理",
    "营商环境优化",
    "中小企业融资",
    "垃圾分类推进",
    "公交线路优化",
    "乡村旅游发展",
    "职业技能培训",
    "食品安全监管",
]
BODY = (
    "经认真研究，现答复如下：一、关于{topic}问题，我单位高度重视，已会同有关部门开展调研。"
    "二、下一步将加大工作力度。【不公开】内部测算数据从略。【/不公开】感谢您对我市工作的关心和支持。"
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def _members(context, rng) -> dict[str, list[Member]]:
    city = context["city"]
    rows = [
        Member(
            organisation=city,
            kind=Kind.SUGGESTION,
            name=_name(rng),
            delegation=f"{rng.choice(['北塘县', '龙山区', '南浦县'])}代表团",
            phone=f"139{rng.randrange(10**8):08d}",
        )
        for _ in range(60)
    ]
    rows += [
        Member(
            organisation=city,
            kind=Kind.PROPOSAL,
            name=_name(rng),
            delegation=rng.choice(SECTORS),
            phone=f"138{rng.randrange(10**8):08d}",
        )
        for _ in range(40)
    ]
    users = context.get("users", {})
    rows[0].name, rows[0].user = "何振华", users.get("daibiao")
    rows[60].name, rows[60].user = "宋佩玲", users.get("weiyuan")
    Member.objects.bulk_create(rows)
    return {Kind.SUGGESTION: rows[:60], Kind.PROPOSAL: rows[60:]}


def _units(context) -> list[Organisation]:
    city = context["city"]
    return list(Organisation.objects.filter(parent=city, kind=Organisation.Kind.DEPARTMENT)) or [
        city
    ]


def _items(context, rng, members, year: int) -> list[Item]:
    city = context["city"]
    rows = []
    for kind, count, session in (
        (Kind.SUGGESTION, 150, "市十七届人大四次会议"),
        (Kind.PROPOSAL, 100, "市政协十三届四次会议"),
    ):
        for n in range(1, count + 1):
            topic = rng.choice(TOPICS)
            rows.append(
                Item(
                    organisation=city,
                    kind=kind,
                    year=year,
                    session=session,
                    number=f"{n:03d}",
                    title=f"关于{topic}的{'建议' if kind == Kind.SUGGESTION else '提案'}",
                    content=f"针对{topic}问题，提出以下意见……",
                    lead_author=rng.choice(members[kind]),
                    registered_on=datetime.date(year, 3, 1),
                    is_key=n % 25 == 0,
                    supervisor_name="市政府分管副市长" if n % 25 == 0 else "",
                )
            )
    Item.objects.bulk_create(rows)
    through = Item.co_authors.through
    links = [
        through(item_id=i.pk, member_id=m.pk)
        for i in rows
        for m in rng.sample(members[i.kind], rng.choice([0, 0, 1, 2]))
        if m.pk != i.lead_author_id
    ]
    through.objects.bulk_create(links, ignore_conflicts=True)
    return rows


def _assign(items, units, rng, on) -> list[Assignment]:
    rows = []
    for index, item in enumerate(items):
        if index % 20 == 7:
            continue  # registered, not yet assigned
        mode = rng.choices([Item.Mode.SOLE, Item.Mode.SEPARATE, Item.Mode.LEAD], [70, 15, 15])[0]
        picked = rng.sample(units, 1 if mode == Item.Mode.SOLE else 2)
        item.mode, item.status = mode, Item.Status.ASSIGNED
        for k, unit in enumerate(picked):
            role = {Item.Mode.SOLE: "sole", Item.Mode.SEPARATE: "separate"}.get(mode) or (
                "lead" if k == 0 else "co"
            )
            months = 1 if role == "co" else 3
            rows.append(
                Assignment(
                    item=item,
                    unit=unit,
                    role=role,
                    assigned_on=on,
                    round_started_on=on,
                    deadline=services.add_months(on, months),
                    opinion="同意，按职责配合办理。" if role == "co" else "",
                    opinion_on=on + datetime.timedelta(days=20) if role == "co" else None,
                )
            )
    Assignment.objects.bulk_create(rows)
    Item.objects.bulk_update(items, ["mode", "status"])
    return rows


def _reply(assignment, rng, on, round_=1, category=None) -> Reply:
    topic = assignment.item.title
    publication = rng.choices(["full", "summary", "none", ""], [60, 20, 10, 10])[0]
    return Reply(
        assignment=assignment,
        round=round_,
        category=category or rng.choices("ABC", [50, 30, 20])[0],
        title=f"对{topic}的答复",
        body=BODY.format(topic=topic),
        status=Reply.Status.SENT,
        sent_on=on,
        deadline=assignment.deadline,
        publication=publication,
        summary="已研究并部分采纳。" if publication == "summary" else "",
        unpublished_reason="涉及敏感信息" if publication == "none" else "",
        published_at=timezone.now() if publication in ("full", "summary") else None,
    )


def load(context: dict) -> None:
    rng = random.Random(2025)
    year = timezone.localdate().year - 1
    on = datetime.date(year, 3, 20)
    members = _members(context, rng)
    items = _items(context, rng, members, year)
    assignments = _assign(items, _units(context), rng, on)
    _handle(assignments, rng, on)


def _handle(assignments, rng, on) -> None:
    replying = [a for a in assignments if a.role != "co"]
    replies, ratings, comms, reopen = [], [], [], []
    for index, a in enumerate(replying):
        if index % 12 == 5:
            continue  # still being handled (overdue or due soon)
        sent = on + datetime.timedelta(days=rng.randrange(30, 110))
        comms.append(
            Communication(
                assignment=a,
                day=sent - datetime.timedelta(days=10),
                method="visit",
                notes="与代表面商，听取意见。",
            )
        )
        reply = _reply(a, rng, sent, category="A" if index % 3 else "C")
        replies.append(reply)
        if index % 10 == 3:
            continue  # rating not yet returned
        result = rng.choices(["satisfied", "basic", "unsatisfied"], [70, 20, 10])[0]
        ratings.append((reply, result, sent + datetime.timedelta(days=15)))
        if result == "unsatisfied":
            reopen.append((a, sent + datetime.timedelta(days=15)))
    Communication.objects.bulk_create(comms)
    Reply.objects.bulk_create(replies)
    _ratings_and_rounds(replies, ratings, reopen, rng)


def _ratings_and_rounds(replies, ratings, reopen, rng) -> None:
    Rating.objects.bulk_create(
        [
            Rating(
                reply=r, member=r.assignment.item.lead_author, result=res, process=res, rated_on=day
            )
            for r, res, day in ratings
        ]
    )
    through = Reply.recipients.through
    through.objects.bulk_create(
        [through(reply_id=r.pk, member_id=r.assignment.item.lead_author_id) for r in replies]
    )
    second = []
    for a, day in reopen:
        a.round, a.round_started_on, a.deadline = 2, day, services.add_months(day, 1)
        if rng.random() < 0.7:
            second.append(_reply(a, rng, day + datetime.timedelta(days=25), round_=2, category="A"))
    Assignment.objects.bulk_update(
        [a for a, _d in reopen], ["round", "round_started_on", "deadline"]
    )
    Reply.objects.bulk_create(second)
    through.objects.bulk_create(
        [through(reply_id=r.pk, member_id=r.assignment.item.lead_author_id) for r in second]
    )
    Rating.objects.bulk_create(
        [
            Rating(
                reply=r,
                member=r.assignment.item.lead_author,
                result="basic",
                rated_on=r.sent_on + datetime.timedelta(days=10),
            )
            for r in second[::2]
        ]
    )
    _b_replies(replies)
    _statuses()


def _statuses() -> None:
    """Item status from the assignments and replies, in three queries (no per-item loop)."""
    sent = {
        (r["assignment_id"], r["round"]): r["rating__result"]
        for r in Reply.objects.filter(status=Reply.Status.SENT).values(
            "assignment_id", "round", "rating__result"
        )
    }
    state: dict[int, set] = {}
    for a in Assignment.objects.exclude(role="co").values("id", "item_id", "round"):
        key = (a["id"], a["round"])
        if key not in sent:
            flag = "rehandling" if a["round"] > 1 else "assigned"
        else:
            flag = "closed" if sent[key] in ("satisfied", "basic") else "replied"
        state.setdefault(a["item_id"], set()).add(flag)
    items = list(Item.objects.filter(pk__in=state))
    for item in items:
        flags = state[item.pk]
        item.status = next(f for f in ("rehandling", "assigned", "replied", "closed") if f in flags)
    Item.objects.bulk_update(items, ["status"], batch_size=500)


def _b_replies(replies) -> None:
    """A handful of B replies through the service, so their follow-up commitments exist."""
    picked = [r for r in replies if r.category == "C"][:40]
    for reply in picked:
        Reply.objects.filter(pk=reply.pk).update(
            category="B", promised_on=reply.sent_on + datetime.timedelta(days=180)
        )
        reply.category, reply.promised_on = "B", reply.sent_on + datetime.timedelta(days=180)
        services._followup_create(by=None, reply=reply, on=reply.sent_on)
