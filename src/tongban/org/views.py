"""Workbench pages for the organisation: departments and their staff (scoped by role)."""

from django.shortcuts import render

from tongban.org import selectors
from tongban.org.access import staff_required


@staff_required
def department_list(request):
    return render(request, "org/department_list.html", {"departments": selectors.department_list()})


@staff_required
def department_detail(request, department_id: int):
    department = selectors.department_get(department_id)
    staff = selectors.department_staff(actor=request.user, department=department)
    return render(request, "org/department_detail.html", {"department": department, "staff": staff})
