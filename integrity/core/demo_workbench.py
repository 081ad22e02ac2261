"""The last step of the demo: every role's home page has work on it.

Runs after every app's ``demo.load`` (``load_demo``), through the apps' own services:
石桥镇 gets a commitment due in a few days and a citizen report routed to it, so the
clerk 李晓梅 (jingban) sees overdue and due-soon commitments and an open report, and
the leader 王建华 (lingdao) a submission to approve.
"""

import datetime

from django.utils import timezone

TOWNSHIP = "石桥镇人民政府"


def load(context: dict) -> None:
    from commitments import services as commitments
    from commitments.models import Commitment
    from integrity.records import services as records

    users = context["users"]
    clerk, leader, admin = users["jingban"], users["lingdao"], users["admin"]
    township = context["orgs"][TOWNSHIP]
    today = timezone.localdate()
    soon = commitments.commitment_create(
        by=clerk,
        organisation=township,
        kind=Commitment.Kind.TIME_LIMIT,
        title="石桥社区便民服务中心延时服务",
        content="工作日延时服务至晚上七点",
        target="每个工作日延时服务两小时",
        deadline=today + datetime.timedelta(days=3),
        responsible_leader="王建华",
        responsible_person="李晓梅",
    )
    commitments.commitment_submit(commitment=soon, by=clerk)
    commitments.commitment_publish(commitment=soon, by=leader)
    waiting = commitments.commitment_create(
        by=clerk,
        organisation=township,
        kind=Commitment.Kind.LIVELIHOOD,
        title="上湾村饮水安全提升工程",
        content="新建蓄水池一座，更换供水管网3公里",
        target="年底前全村通自来水",
        deadline=today + datetime.timedelta(days=120),
        responsible_leader="王建华",
        responsible_person="李晓梅",
    )
    commitments.commitment_submit(commitment=waiting, by=clerk)
    report = records.complaint_submit(
        organisation=township,
        topic="promise",
        title="石桥村路灯承诺未兑现",
        text="镇里承诺年内修好石桥村主干道路灯，至今仍未修复，夜间出行不便。",
        anonymous=True,
    )
    records.complaint_route(complaint=report, by=admin)
    name_wagtail_things_in_chinese()


# Wagtail's migrations name its groups, workflow and root page in English.
WAGTAIL_NAMES = {"Moderators": "审核员", "Editors": "编辑"}


def name_wagtail_things_in_chinese() -> None:
    """Give Wagtail's own groups, moderation workflow and root page Chinese names."""
    from django.contrib.auth.models import Group

    from wagtail.models import Page, Task, Workflow

    for english, chinese in WAGTAIL_NAMES.items():
        Group.objects.filter(name=english).update(name=chinese)
    Workflow.objects.filter(name="Moderators approval").update(name="页面审核")
    Task.objects.filter(name="Moderators approval").update(name="审核员审批")
    Page.objects.filter(depth=1, title="Root").update(title="根目录", draft_title="根目录")
