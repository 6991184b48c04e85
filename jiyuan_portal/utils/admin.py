class ReadOnlyAdminMixin:
    """For a ModelAdmin of rows the portal keeps itself (derived tables, bookkeeping): listed
    and viewed in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
