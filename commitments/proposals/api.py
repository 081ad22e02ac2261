"""API: items through the permission layer; published replies for everyone.

Contact details of authors are never serialised; published text is redacted.
"""

from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from integrity.core.api import RulesPermission

from . import selectors
from .models import Assignment, Item, Member, Reply


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Member
        fields = ["id", "name", "kind", "delegation"]


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()

    class Meta:
        model = Assignment
        fields = ["id", "unit", "role", "status", "assigned_on", "round", "deadline"]


class ItemSerializer(serializers.ModelSerializer):
    lead_author = MemberSerializer()
    co_authors = MemberSerializer(many=True)
    assignments = AssignmentSerializer(many=True)

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


def register(router) -> None:
    router.register("proposal-items", ItemViewSet, basename="proposal-item")
    router.register("proposal-replies", PublishedReplyViewSet, basename="proposal-reply")
