from django.http import HttpResponse


def portal(request):
    return HttpResponse("通办")
