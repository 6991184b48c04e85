"""Atom feeds of what is published (Django's syndication framework), for the city's news
site to republish: one per public registry and one of the targets, newest publication
first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import publishing

FEED_ENTRIES = 100


class PublicFeed(Feed):
    """An Atom feed of the public pages; Atom asks every feed for an author."""

    feed_type = Atom1Feed

    def author_name(self):
        return _("Jiyuan municipal people's government")


def describe(columns, row) -> str:
    return ";".join(
        f"{column.label}:{value}" for column, value in zip(columns, row, strict=True) if value
    )


class PublishedRecordFeed(PublicFeed):
    def get_object(self, request, kind):
        model = publishing.public_registry(kind)
        if model is None:
            raise Http404
        return model

    def title(self, model):
        return f"{settings.PORTAL_TITLE}:{model._meta.verbose_name_plural}"

    def link(self, model):
        return reverse("disclosure:public_record_list", args=[model.kind_slug()])

    def items(self, model):
        records = publishing.published_records(model).select_related("publication")
        records = list(records.order_by("-publication__published_at", "-pk")[:FEED_ENTRIES])
        columns = publishing.public_columns(model)
        for record, row in zip(records, publishing.public_rows(model, records), strict=True):
            record.feed_description = describe(columns, row)
        return records

    def item_title(self, item):
        group = publishing.group_label(item)
        return f"{item.name}({group})" if group else item.name

    def item_description(self, item):
        return item.feed_description

    def item_link(self, item):
        url = reverse("disclosure:public_record_list", args=[item.kind_slug()])
        return f"{url}#record-{item.pk}"

    def item_updateddate(self, item):
        return item.publication.published_at

    def item_pubdate(self, item):
        return item.publication.published_at


class PublishedTargetFeed(PublicFeed):
    def title(self):
        return f"{settings.PORTAL_TITLE}:{_('Published targets')}"

    def link(self):
        return reverse("disclosure:home")

    def items(self):
        targets = list(
            publishing.published_targets()
            .select_related("publication")
            .order_by("-publication__published_at", "-pk")[:FEED_ENTRIES]
        )
        columns = publishing.target_columns()
        for target, row in publishing.target_rows(targets):
            target.feed_description = describe(columns, row)
        return targets

    def item_title(self, item):
        return f"{item.plan.short_name or item.plan.title} {item.year} {item.indicator}"

    def item_description(self, item):
        return item.feed_description

    def item_link(self, item):
        return f"{reverse('disclosure:home')}#target-{item.pk}"

    def item_updateddate(self, item):
        return item.publication.published_at

    def item_pubdate(self, item):
        return item.publication.published_at
