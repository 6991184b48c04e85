"""The Django admin covers every model of the portal, in Chinese, and each page renders."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests import factories

PORTAL_APPS = {"accounts", "tracking", "capacity", "greening", "smart", "techreform", "innovation"}


def portal_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS and not model.__name__.startswith("Historical")
    ]


def test_every_portal_model_is_in_the_admin():
    missing = [model.__name__ for model in portal_models() if not admin.site.is_registered(model)]
    assert missing == []


@pytest.mark.parametrize("model", portal_models(), ids=lambda model: model._meta.label)
def test_admin_changelist_renders_with_filters_and_search(client, seed, model):
    client.force_login(factories.portal_admin())
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    response = client.get(url, {"q": "济源"})

    assert response.status_code == 200
    model_admin = admin.site._registry[model]
    assert model_admin.list_filter, f"{opts.label} has no list filters"
    assert model_admin.search_fields, f"{opts.label} has no search"


def test_admin_is_in_chinese(client, seed):
    client.force_login(factories.portal_admin())
    page = client.get(reverse("admin:index")).content.decode()
    assert "济源市攻坚方案目标管理平台" in page  # the site header
    assert "方案" in page and "责任单位" in page  # model names
    assert "Plans" not in page


def test_bureau_staff_cannot_enter_the_admin(client, seed):
    from jiyuan_portal.tracking.models import Bureau

    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市环境保护局")))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
