"""The back-office sidebar by role: each role sees the screens of its own work.

Permissions still decide what a user may open (a menu item Wagtail hides for lack of
permission stays hidden); this table narrows the menu further so that rule tables, the
calendar, the event log and the users are shown only to those who administer them,
and a deputy sees nothing but their own items. The most specific (longest) URL prefix
wins; a screen the table does not name is shown to everyone it is permitted to, except
to the roles in :data:`ONLY_LISTED_ROLES`.
"""

from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from integrity.core.models.users import Role

R = Role
UNIT = frozenset({R.LEADER, R.OPERATOR})
OFFICES = frozenset({R.ASSESSOR, R.CREDIT_OFFICE, R.PROPOSAL_OFFICE, R.HR})
STAFF = UNIT | OFFICES
PORTAL = frozenset({R.PORTAL_EDITOR})

# URL prefix -> the roles that see it (system administrators see every screen).
MENU_RULES: dict[str, frozenset[str]] = {
    # system: calendar, event log, users
    "/admin/calendarday/": frozenset(),
    "/admin/calendaryear/": frozenset(),
    "/admin/core_statutoryholiday/": frozenset(),
    "/admin/event/": frozenset(),
    "/admin/users/": frozenset({R.LEADER}),
    "/admin/groups/": frozenset(),
    "/admin/notice/": STAFF,
    "/admin/organisations/": UNIT | {R.ASSESSOR, R.CREDIT_OFFICE},
    # commitments and their rule tables
    "/admin/commitments_": UNIT | {R.ASSESSOR, R.CREDIT_OFFICE},
    "/admin/commitments_duesoonrule/": frozenset(),
    "/admin/commitments_smepaymentrule/": frozenset(),
    "/admin/commitments_debtriskrule/": frozenset(),
    "/admin/commitments_ppplimitrule/": frozenset(),
    # records
    "/admin/records_record/": STAFF - {R.PROPOSAL_OFFICE},
    "/admin/records_complaint/": UNIT | {R.CREDIT_OFFICE},
    "/admin/records_official/": frozenset({R.CREDIT_OFFICE, R.HR}),
    "/admin/records_publicationrule/": frozenset({R.CREDIT_OFFICE}),
    "/admin/records_procedurerule/": frozenset({R.CREDIT_OFFICE}),
    # suggestions and proposals
    "/admin/proposal_items/": UNIT | {R.PROPOSAL_OFFICE},
    "/admin/proposal_replies/": UNIT | {R.PROPOSAL_OFFICE},
    "/admin/proposal_members/": frozenset({R.PROPOSAL_OFFICE}),
    "/admin/proposal_rules/": frozenset({R.PROPOSAL_OFFICE}),
    "/admin/proposal_categories/": frozenset({R.PROPOSAL_OFFICE}),
    "/admin/proposals/office/": frozenset({R.PROPOSAL_OFFICE}),
    "/admin/proposals/my-assignments/": UNIT,
    "/admin/proposals/my-items/": frozenset({R.DEPUTY}),
    "/admin/proposals/statistics/": frozenset({R.PROPOSAL_OFFICE, R.ASSESSOR, R.LEADER}),
    # annual assessment
    "/admin/assessment/": UNIT | {R.ASSESSOR},
    "/admin/assessment/schemes/": frozenset({R.ASSESSOR}),
    "/admin/assessment/indicators/": frozenset({R.ASSESSOR}),
    "/admin/assessment/rules/": frozenset({R.ASSESSOR}),
    # the portal (Wagtail's pages, media and page reports)
    "/admin/pages/": PORTAL,
    "/admin/images/": PORTAL,
    "/admin/documents/": PORTAL,
    "/admin/reports/": PORTAL,
    "/admin/settings/": frozenset(),
    "/admin/redirects/": PORTAL,
    "/admin/sites/": frozenset(),
    "/admin/collections/": frozenset(),
    "/admin/workflows/": frozenset(),
}
# Screens of one's own items: shown by role even to system administrators.
PERSONAL_SCREENS = ("/admin/proposals/my-assignments/", "/admin/proposals/my-items/")
# Roles that see only what the table names for them.
ONLY_LISTED_ROLES = frozenset({R.DEPUTY})
# Wagtail's own items that no role needs: the help menu links to wagtail.org.
REMOVED_ITEMS = frozenset({"help"})


def rule_for(url: str) -> frozenset[str] | None:
    """The roles of the most specific rule whose prefix starts ``url``; None when unnamed."""
    matches = [prefix for prefix in MENU_RULES if url.startswith(prefix)]
    return MENU_RULES[max(matches, key=len)] if matches else None


def shows(user, url: str) -> bool:
    """Whether the menu shows a link to ``url`` to this user."""
    roles = rule_for(url)
    if user.is_superuser and not url.startswith(PERSONAL_SCREENS):
        return True
    if roles is None:
        return user.role not in ONLY_LISTED_ROLES
    return user.role in roles


def _narrowed(request, item: MenuItem) -> MenuItem | None:
    if item.name in REMOVED_ITEMS:
        return None
    if isinstance(item, SubmenuMenuItem):
        narrowed = (_narrowed(request, c) for c in item.menu.menu_items_for_request(request))
        children = [child for child in narrowed if child is not None]
        if not children:
            return None
        return SubmenuMenuItem(
            item.label,
            Menu(items=children),
            name=item.name,
            icon_name=item.icon_name,
            classname=item.classname,
            attrs=item.attrs,
            order=item.order,
        )
    return item if shows(request.user, str(item.url)) else None


def narrow_main_menu(request, menu_items: list) -> None:
    """``construct_main_menu`` hook: keep what the user's role works with."""
    narrowed = (_narrowed(request, item) for item in menu_items)
    menu_items[:] = [item for item in narrowed if item is not None]
