"""Follow a commitment, subscribe to a selection or to what you follow, and unsubscribe.

Every change is a POST; the unsubscribe link from a digest shows a confirmation page (mail
scanners open links) and also accepts the one-click POST of RFC 8058, without signing in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..models import Commitment, Follow, Subscription, SubscriptionKind
from ..services import subscriptions as service
from .digest import describe
from .forms import SubscribeForm
from .tokens import subscription_id


def _back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def follow(request, pk):
    commitment = get_object_or_404(Commitment, pk=pk)
    if request.POST.get("action") == "unfollow":
        service.unfollow(request.user, commitment)
        messages.success(request, _("You no longer follow this commitment."))
    else:
        service.follow(request.user, commitment)
        messages.success(request, _("You follow this commitment."))
    return redirect(commitment)


@login_required
@require_safe
def subscriptions(request):
    own = Subscription.objects.filter(user=request.user).order_by("pk")
    follows = Follow.objects.filter(user=request.user).select_related("commitment").order_by("pk")
    rows = [(subscription, describe(subscription)) for subscription in own]
    return render(
        request,
        "subscriptions/index.html",
        {
            "rows": rows,
            "follows": follows,
            "form": SubscribeForm(initial={"kind": SubscriptionKind.FOLLOWED}),
            "followed_kind": SubscriptionKind.FOLLOWED,
            "has_email": bool(request.user.email),
        },
    )


@login_required
@require_POST
def subscribe(request):
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return _back(request, "commitments:subscriptions")
    service.subscribe(
        request.user,
        kind=form.cleaned_data["kind"],
        query=form.cleaned_data["query"],
        frequency=form.cleaned_data["frequency"],
    )
    messages.success(request, _("Subscribed. The digest goes to %(email)s.") % {"email": request.user.email or "—"})
    return redirect("commitments:subscriptions")


@login_required
@require_POST
def delete_subscription(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk, user=request.user)
    service.unsubscribe(subscription)
    messages.success(request, _("Subscription ended."))
    return redirect("commitments:subscriptions")


@csrf_exempt  # reached from an e-mail; the signed token is the proof, there is no session to protect
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    pk = subscription_id(token)
    if pk is None:
        raise Http404(_("This unsubscribe link is not valid."))
    subscription = Subscription.objects.filter(pk=pk).first()
    if request.method == "POST":
        if subscription is not None:
            service.unsubscribe(subscription)
        return render(request, "subscriptions/unsubscribed.html")
    if subscription is None:
        return render(request, "subscriptions/unsubscribed.html")
    return render(request, "subscriptions/unsubscribe.html", {"selection": describe(subscription)})
