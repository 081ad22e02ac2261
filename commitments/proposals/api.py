"""API: items through the permission layer; published replies for everyone.

Contact details of authors are never serialised; published text is redacted.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.permissions import AllowAny

from integrity.core.actions import ObjectAction, ObjectActionAPIMixin
from integrity.core.api import RulesPermission

from . import actions, selectors, services
from .models import Assignment, Item, Member, Rating, Reply


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Member
        fields = ["id", "name", "kind", "delegation"]


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()

    class Meta:
        model = Assignment
        fields = ["id", "unit", "role", "status", "assigned_on", "round", "deadline"]


class ProposalFollowupSerializer(serializers.Serializer):
    """A follow-up commitment of a B reply, as listed on its item."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    deadline = serializers.DateField()
    status = serializers.CharField()


class ItemSerializer(serializers.ModelSerializer):
    lead_author = MemberSerializer()
    co_authors = MemberSerializer(many=True)
    assignments = AssignmentSerializer(many=True)
    followups = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = [
            "id",
            "kind",
            "year",
            "session",
            "number",
            "title",
            "content",
            "status",
            "mode",
            "is_key",
            "lead_author",
            "co_authors",
            "assignments",
            "followups",
        ]

    @extend_schema_field(ProposalFollowupSerializer(many=True))
    def get_followups(self, item) -> list[dict]:
        """Follow-up commitments of B replies and whether they are fulfilled."""
        return [
            {"id": c.pk, "title": c.title, "deadline": c.deadline, "status": c.status}
            for c in selectors.followups_of(item)
        ]


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Items the user may see: the office's, their unit's, or (deputies) their own."""

    serializer_class = ItemSerializer
    permission_classes = [RulesPermission]
    filterset_fields = ["year", "kind", "status"]

    def get_queryset(self):
        qs = Item.objects.select_related("lead_author").prefetch_related(
            "co_authors", "assignments__unit"
        )
        return selectors.items_for(self.request.user, qs).order_by("-year", "number")


class PublishedReplySerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="assignment.item.year")
    item_number = serializers.CharField(source="assignment.item.number")
    item_title = serializers.CharField(source="assignment.item.title")
    unit = serializers.CharField(source="assignment.unit.name")
    text = serializers.CharField(source="public_text")

    class Meta:
        model = Reply
        fields = [
            "id",
            "year",
            "item_number",
            "item_title",
            "unit",
            "category",
            "title",
            "text",
            "publication",
            "sent_on",
        ]


class PublishedReplyViewSet(viewsets.ReadOnlyModelViewSet):
    """Published replies (open data): contact details and secret parts withheld."""

    serializer_class = PublishedReplySerializer
    permission_classes = [AllowAny]
    filterset_fields = ["category"]

    def get_queryset(self):
        return selectors.published_replies().order_by("-sent_on", "id")


class ReplySerializer(serializers.ModelSerializer):
    item = serializers.IntegerField(source="assignment.item_id", read_only=True)
    unit = serializers.CharField(source="assignment.unit.name", read_only=True)
    text = serializers.CharField(source="letter_text", read_only=True)

    class Meta:
        model = Reply
        fields = [
            "id",
            "item",
            "unit",
            "round",
            "category",
            "title",
            "text",
            "status",
            "sent_on",
            "deadline",
            "publication",
            "followup",
        ]


class ProposalRateInputSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=Rating.Level.choices)
    process = serializers.ChoiceField(choices=Rating.Level.choices, required=False, default="")
    comment = serializers.CharField(required=False, default="", allow_blank=True)


class ProposalPublishInputSerializer(serializers.Serializer):
    # The reply's own choice set without "not decided": one enum in the schema, not two.
    publication = serializers.ChoiceField(choices=[c for c in Reply.Publication.choices if c[0]])
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    reason = serializers.CharField(required=False, default="", allow_blank=True)


class SeeRepliesPermission(RulesPermission):
    """Every method needs only ``view_reply``; each action then checks its own perm."""

    def _perm(self, request, view) -> str:
        return "proposals.view_reply"


class ReplyViewSet(ObjectActionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Replies the user may see; actions: approve (leader), publish (office), rate (deputy)."""

    serializer_class = action_serializer_class = ReplySerializer
    permission_classes = [SeeRepliesPermission]

    def get_queryset(self):
        qs = Reply.objects.select_related("assignment__unit")
        return selectors.replies_for(self.request.user, qs).order_by("-id")

    @extend_schema(request=None, responses=ReplySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.run_object_action(APPROVE)

    @extend_schema(request=ProposalPublishInputSerializer, responses=ReplySerializer)
    @action(detail=True, methods=["post"], serializer_class=ProposalPublishInputSerializer)
    def publish(self, request, pk=None):
        return self.run_object_action(actions.PUBLISH, input=ProposalPublishInputSerializer)

    @extend_schema(request=ProposalRateInputSerializer, responses=ReplySerializer)
    @action(detail=True, methods=["post"], serializer_class=ProposalRateInputSerializer)
    def rate(self, request, pk=None):
        return self.run_object_action(actions.RATE, input=ProposalRateInputSerializer)


class ProposalDraftInputSerializer(serializers.Serializer):
    category = serializers.CharField(max_length=4)
    title = serializers.CharField(max_length=200)
    body = serializers.CharField()
    promised_on = serializers.DateField(required=False, allow_null=True, default=None)


class ProposalTextInputSerializer(serializers.Serializer):
    text = serializers.CharField()


class ProposalExtensionInputSerializer(serializers.Serializer):
    months = serializers.IntegerField(min_value=1)
    reason = serializers.CharField()


class ProposalDecisionInputSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ProposalCreatedSerializer(serializers.Serializer):
    """The id of the row an assignment action created or changed."""

    id = serializers.IntegerField()


def CreatedId(row) -> ProposalCreatedSerializer:  # noqa: N802 (a serializer, by its use)
    return ProposalCreatedSerializer({"id": row.pk})


# The API's own inputs for the actions whose back-office forms differ (see actions.py).
DECIDE = "proposals.decide_assignment"
APPROVE = ObjectAction[Reply](
    name="approve",
    service=lambda reply, user, d: services.reply_approve(by=user, reply=reply),
    permission="proposals.approve_reply",
)
API_REPLY = ObjectAction[Assignment](
    name="reply",
    service=lambda a, user, d: services.reply_submit(
        by=user, reply=services.reply_draft(by=user, assignment=a, **d)
    ),
    permission=actions.CHANGE_ASSIGNMENT,
)
API_OPINION = ObjectAction[Assignment](
    name="opinion",
    service=lambda a, user, d: services.opinion_submit(by=user, assignment=a, opinion=d["text"]),
    permission=actions.CHANGE_ASSIGNMENT,
)
API_RETURN = ObjectAction[Assignment](
    name="return",
    service=lambda a, user, d: services.return_request(by=user, assignment=a, reason=d["text"]),
    permission=actions.CHANGE_ASSIGNMENT,
)
API_DECIDE_EXTENSION = ObjectAction[Assignment](
    name="decide_extension",
    service=lambda a, user, d: services.extension_decide(
        by=user,
        request=get_object_or_404(a.extension_requests, pk=d["request"]),
        approve=d["approve"],
    ),
    permission=DECIDE,
)
API_DECIDE_RETURN = ObjectAction[Assignment](
    name="decide_return",
    service=lambda a, user, d: services.return_decide(
        by=user,
        request=get_object_or_404(a.return_requests, pk=d["request"]),
        approve=d["approve"],
        note=d["note"],
    ),
    permission=DECIDE,
)


def _assignment_action(input_class, **kwargs):
    """A POST action on one assignment: ``input_class`` in, the created row's id out."""
    schema = extend_schema(request=input_class, responses={201: ProposalCreatedSerializer})
    route = action(detail=True, methods=["post"], serializer_class=input_class, **kwargs)
    return lambda view: schema(route(view))


class SeeAssignmentsPermission(RulesPermission):
    def _perm(self, request, view) -> str:
        return "proposals.view_assignment"


class AssignmentViewSet(ObjectActionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Assignments of the user's unit (or, for the office, of its items) and their actions."""

    serializer_class = AssignmentSerializer
    permission_classes = [SeeAssignmentsPermission]

    def get_queryset(self):
        qs = Assignment.objects.select_related("unit", "item")
        return selectors.assignments_for(self.request.user, qs).order_by("-id")

    def _act(self, action: ObjectAction, input_class):
        """The created or changed row's id, 201."""
        return self.run_object_action(
            action, input=input_class, status=201, output=lambda row: CreatedId(row)
        )

    @_assignment_action(ProposalDraftInputSerializer)
    def reply(self, request, pk=None):
        return self._act(API_REPLY, ProposalDraftInputSerializer)

    @_assignment_action(ProposalTextInputSerializer)
    def opinion(self, request, pk=None):
        return self._act(API_OPINION, ProposalTextInputSerializer)

    @_assignment_action(ProposalExtensionInputSerializer)
    def extend(self, request, pk=None):
        return self._act(actions.EXTENSION, ProposalExtensionInputSerializer)

    @_assignment_action(ProposalTextInputSerializer, url_path="return")
    def give_back(self, request, pk=None):
        return self._act(API_RETURN, ProposalTextInputSerializer)

    @_assignment_action(ProposalDecisionInputSerializer)
    def decide_extension(self, request, pk=None):
        return self._act(API_DECIDE_EXTENSION, ProposalDecisionInputSerializer)

    @_assignment_action(ProposalDecisionInputSerializer)
    def decide_return(self, request, pk=None):
        return self._act(API_DECIDE_RETURN, ProposalDecisionInputSerializer)


def register(router) -> None:
    router.register("proposal-assignments", AssignmentViewSet, basename="proposal-assignment")
    router.register("proposal-my-replies", ReplyViewSet, basename="proposal-my-reply")
    router.register("proposal-items", ItemViewSet, basename="proposal-item")
    router.register("proposal-replies", PublishedReplyViewSet, basename="proposal-reply")
