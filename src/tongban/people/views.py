"""Portal pages for applicants."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from tongban.people import selectors

PAGE_SIZE = 20


@login_required
def access_log(request):
    """谁查看了我的信息: every read or change of my data, newest first."""
    page = Paginator(selectors.my_access_log(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "people/access_log.html", {"page": page, "person": selectors.person_of(request.user)}
    )
