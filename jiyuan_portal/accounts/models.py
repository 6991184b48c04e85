from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import roles


class User(AbstractUser):
    """A portal user; bureau staff belong to exactly one bureau."""

    bureau = models.ForeignKey(
        "tracking.Bureau",
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("bureau"),
        help_text=_("Required for bureau staff: they report on their own bureau's tasks only."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def _in_group(self, name: str) -> bool:
        # Cached per instance: templates and permission checks ask several times a request.
        if not hasattr(self, "_group_names"):
            self._group_names = set(self.groups.values_list("name", flat=True))
        return name in self._group_names

    @property
    def is_portal_admin(self) -> bool:
        return self.is_superuser or self._in_group(roles.ADMIN)

    @property
    def is_supervisor(self) -> bool:
        return self._in_group(roles.SUPERVISOR)

    @property
    def can_see_everything(self) -> bool:
        """Supervisors and admins read every plan, bureau and report."""
        return self.is_portal_admin or self.is_supervisor

    @property
    def is_bureau_staff(self) -> bool:
        return self.bureau_id is not None and self._in_group(roles.BUREAU_STAFF)
