from captcha import views as captcha_views
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.plan_apps import plan_apps

admin.site.site_header = settings.PORTAL_TITLE
admin.site.site_title = settings.PORTAL_TITLE
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", include("jiyuan_portal.dashboard.urls")),
    path("", include("jiyuan_portal.reporting.urls")),
    path("", include("jiyuan_portal.alerts.urls")),
    path("", include("jiyuan_portal.funding.urls")),
    # The complaints' public pages (public/report/…) before the published lists' public/<kind>/.
    path("", include("jiyuan_portal.complaints.urls")),
    path("", include("jiyuan_portal.disclosure.urls")),
    path("", include("jiyuan_portal.api.urls")),
    path("", include("jiyuan_portal.drafts.urls")),
    # The complaint form's captcha picture (django-simple-captcha), open to the public.
    path(
        "public/captcha/<str:key>/",
        login_not_required(captcha_views.captcha_image),
        {"scale": 1},
        name="captcha-image",
    ),
    # Each plan app's own pages, under its plan's address.
    *(
        path(f"plans/{config.plan_code}/", include(config.urls))
        for config in plan_apps()
        if config.urls
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
