import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.views.columns import BadgeColumn

from .models import Complaint

STATUS_COLOURS = {
    Complaint.Status.RECEIVED: "info",
    Complaint.Status.VERIFYING: "warning",
    Complaint.Status.CLOSED: "success",
}


class ComplaintTable(tables.Table):
    number = tables.Column(linkify=True)
    received_at = tables.DateTimeColumn(format="Y-m-d")
    kind = tables.Column()
    town = tables.Column(order_by=("town__order", "town__name"))
    address = tables.Column(attrs={"td": {"class": "text-col"}})
    source = tables.Column()
    bureau = tables.Column(order_by=("bureau__order", "bureau__name"))
    due_on = tables.DateColumn(format="Y-m-d")
    status = BadgeColumn(Complaint.Status, STATUS_COLOURS)

    class Meta:
        model = Complaint
        fields = (
            "number",
            "received_at",
            "kind",
            "town",
            "address",
            "source",
            "bureau",
            "due_on",
            "status",
        )
        order_by = ("-received_at",)
        empty_text = _("No complaints.")
