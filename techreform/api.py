"""The technical-reform plan's own API endpoint: the town targets (乡镇目标)."""

from rest_framework import serializers

from jiyuan_portal.api.views import ReadOnlyViewSet

from .models import TownTarget


class TownTargetSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = TownTarget
        fields = (
            "id",
            "town",
            "year",
            "industrial_investment",
            "reform_investment",
            "reform_enterprises",
        )


class TownTargetViewSet(ReadOnlyViewSet):
    queryset = TownTarget.objects.select_related("town")
    serializer_class = TownTargetSerializer
    filterset_fields = ("year", "town")
    ordering = ("year", "town__order", "pk")

    def get_queryset(self):
        """Every signed-in user reads them, as on the plan page."""
        return self.queryset.all()


ROUTES = [("town-targets", TownTargetViewSet, "town-target")]
