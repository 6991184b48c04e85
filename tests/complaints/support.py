import re

from captcha.models import CaptchaStore
from django.urls import reverse

from tests import factories


def captcha_answer(page: str) -> dict:
    """The captcha of a rendered form, answered as a person reading the picture would."""
    key = re.search(r'name="captcha_0" value="(\w+)"', page).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def town_pk(name="克井") -> int:
    return factories.Town.objects.get(name=name).pk


def public_form_data(client, **overrides) -> dict:
    page = client.get(reverse("complaints:public_create")).content.decode()
    return {
        "kind": "small_polluting",
        "town": town_pk(),
        "address": "克井镇某村东侧",
        "description": "已取缔的塑料颗粒加工点夜间又开工。",
        "contact_name": "张先生",
        "contact_phone": "138-0000-0001",
        **captcha_answer(page),
        **overrides,
    }
