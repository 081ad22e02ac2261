"""Demo data of the core registry: a fictional prefecture-level city, 澜江市 of 江南省.

All names, codes and people are invented. Later modules extend the demo through
their own ``demo.load(context)``; they find the organisations and users here in
``context``.
"""

from django.contrib.auth.password_validation import validate_password

from integrity.core import services
from integrity.core.models import Organisation, User
from integrity.core.uscc import make_uscc

PROVINCE_NAME = "江南省人民政府"
CITY_NAME = "澜江市人民政府"
DEMO_PASSWORD = "Demo@2026zw"

L, K = Organisation.Level, Organisation.Kind

COUNTIES = {
    # county: (division code, townships/streets)
    "东湖区": (
        "390102",
        ["湖滨街道", "朝阳街道", "望江街道", "东湖新城街道", "龙山镇", "柳湾镇", "金沙镇"],
    ),
    "西岭区": (
        "390103",
        ["西门街道", "岭南街道", "青石街道", "大坪镇", "枫林镇", "双溪镇", "澜江经济开发区"],
    ),
    "南浦县": (
        "390121",
        ["南浦镇", "白沙镇", "三河镇", "桃源乡", "高桥镇", "松岗乡", "新安镇", "上坊乡"],
    ),
    "北塘县": (
        "390122",
        ["北塘镇", "石桥镇", "杨柳镇", "梅岭乡", "横山镇", "清水乡", "河口镇", "北塘工业园区"],
    ),
}
CITY_DEPARTMENTS = [
    "市人民政府办公室",
    "市发展和改革委员会",
    "市教育局",
    "市科学技术局",
    "市工业和信息化局",
    "市公安局",
    "市民政局",
    "市司法局",
    "市财政局",
    "市人力资源和社会保障局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房和城乡建设局",
    "市交通运输局",
    "市水利局",
    "市农业农村局",
    "市商务局",
    "市文化和旅游局",
    "市卫生健康委员会",
    "市应急管理局",
    "市审计局",
    "市市场监督管理局",
    "市医疗保障局",
    "市行政审批服务局",
    "市城市管理局",
    "市信访局",
]
CITY_ORGANS = ["市人大常委会办公室", "市政协办公室", "市中级人民法院"]
COUNTY_DEPARTMENTS = ["发展和改革局", "财政局", "教育局", "住房和城乡建设局"]
VILLAGES = {
    "石桥镇": ["石桥村", "上湾村", "下湾村", "柳树村", "石桥社区"],
    "龙山镇": ["龙山村", "双井村", "茶园村", "龙山社区"],
}
# (username, full name, role label, organisation, role)
DEMO_USERS = [
    ("admin", "系统管理员", "系统管理员", CITY_NAME, User.Role.SYSADMIN),
    ("kaohe", "周文清", "考核办", CITY_NAME, User.Role.ASSESSOR),
    ("xinyong", "陈海燕", "信用办", CITY_NAME, User.Role.CREDIT_OFFICE),
    ("renda", "林国栋", "人大建议办", CITY_NAME, User.Role.PROPOSAL_OFFICE),
    ("zhengxie", "郑雅琴", "政协提案办", CITY_NAME, User.Role.PROPOSAL_OFFICE),
    ("renshi", "黄志明", "组织人事", CITY_NAME, User.Role.HR),
    ("bianji", "吴晓岚", "门户编辑", CITY_NAME, User.Role.PORTAL_EDITOR),
    ("lingdao", "王建华", "单位负责人", "石桥镇人民政府", User.Role.LEADER),
    ("jingban", "李晓梅", "经办人", "石桥镇人民政府", User.Role.OPERATOR),
    ("bumen", "赵立新", "部门经办人", "市住房和城乡建设局", User.Role.OPERATOR),
    ("daibiao", "何振华", "人大代表", "北塘县人民政府", User.Role.DEPUTY),
    ("weiyuan", "宋佩玲", "政协委员", CITY_NAME, User.Role.DEPUTY),
    # every unit with an operator has a leader to approve; every workflow group a member
    ("zhujian", "孙国强", "部门负责人", "市住房和城乡建设局", User.Role.LEADER),
    ("shenhe", "钱思远", "门户审核", CITY_NAME, User.Role.PORTAL_EDITOR),
]
# Wagtail groups of the page moderation workflow (Wagtail's migrations create them).
WORKFLOW_GROUPS = {"shenhe": ["Moderators", "Editors"], "bianji": ["Editors"]}


class CodeMaker:
    """Valid, unique, invented USCCs: 11 (state organ) or N2 (village) + division + number."""

    def __init__(self) -> None:
        self.serial = 1000

    def __call__(self, division: str, prefix: str = "11") -> str:
        self.serial += 7
        return make_uscc(prefix, division, f"{self.serial:08d}")


def _org(context, name, level, kind, parent, division, code, **extra) -> Organisation:
    org = services.organisation_create(
        by=None,
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        division_code=division,
        uscc=code,
        **extra,
    )
    context["orgs"][name] = org
    return org


def _township_name(name: str) -> tuple[str, str]:
    if name.endswith("街道"):
        return f"{name}办事处", Organisation.Kind.GOVERNMENT
    if name.endswith(("开发区", "园区")):
        return f"{name}管理委员会", Organisation.Kind.ZONE
    return f"{name}人民政府", Organisation.Kind.GOVERNMENT


def load_counties(context, city: Organisation, code: CodeMaker) -> None:
    for county, (division, townships) in COUNTIES.items():
        gov = _org(
            context,
            f"{county}人民政府",
            L.COUNTY,
            K.GOVERNMENT,
            city,
            division,
            code(division),
            short_name=county,
        )
        short = county[:2]
        for dept in COUNTY_DEPARTMENTS:
            _org(
                context,
                f"{short}{county[-1]}{dept}",
                L.COUNTY,
                K.DEPARTMENT,
                gov,
                division,
                code(division),
            )
        for index, township in enumerate(townships, start=1):
            name, kind = _township_name(township)
            town_division = f"{division}{100 + index:03d}"
            town = _org(
                context,
                name,
                L.TOWNSHIP,
                kind,
                gov,
                town_division,
                code(division),
                short_name=township,
                address=f"江南省澜江市{county}{township}人民路1号",
            )
            for village in VILLAGES.get(township, []):
                _org(
                    context,
                    f"{village}{'居民' if village.endswith('社区') else '村民'}委员会",
                    L.VILLAGE,
                    K.VILLAGE_COMMITTEE,
                    town,
                    town_division,
                    code(division, "N2"),
                    short_name=village,
                )


def load_users(context) -> None:
    context["users"] = {}
    for username, full_name, _label, org_name, role in DEMO_USERS:
        # The demo obeys the password rules it asks of everyone (raises ValidationError).
        validate_password(DEMO_PASSWORD, User(username=username, full_name=full_name))
        user = services.user_create(
            by=None,
            password=DEMO_PASSWORD,
            username=username,
            full_name=full_name,
            organisation=context["orgs"][org_name],
            role=role,
            email=f"{username}@lanjiang.gov.example",
            is_superuser=role == User.Role.SYSADMIN,
            is_staff=role == User.Role.SYSADMIN,
        )
        context["users"][username] = user
    _join_workflow_groups(context["users"])


def _join_workflow_groups(users: dict[str, User]) -> None:
    from django.contrib.auth.models import Group

    for username, names in WORKFLOW_GROUPS.items():
        users[username].groups.add(*Group.objects.filter(name__in=names))


def load(context: dict) -> None:
    services.calendar_seed()
    code = CodeMaker()
    context["orgs"] = {}
    province = _org(
        context,
        PROVINCE_NAME,
        L.PROVINCE,
        K.GOVERNMENT,
        None,
        "390000",
        code("390000"),
        short_name="江南省",
    )
    city = _org(
        context,
        CITY_NAME,
        L.CITY,
        K.GOVERNMENT,
        province,
        "390100",
        code("390100"),
        short_name="澜江市",
        address="江南省澜江市澜江大道188号",
    )
    context["city"] = city
    for dept in CITY_DEPARTMENTS:
        _org(
            context,
            dept.replace("市", "澜江市", 1),
            L.CITY,
            K.DEPARTMENT,
            city,
            "390100",
            code("390100"),
            short_name=dept,
        )
        context["orgs"][dept] = context["orgs"][dept.replace("市", "澜江市", 1)]
    for organ in CITY_ORGANS:
        _org(
            context,
            organ.replace("市", "澜江市", 1),
            L.CITY,
            K.ORGAN,
            city,
            "390100",
            code("390100"),
            short_name=organ,
        )
    load_counties(context, city, code)
    load_users(context)
