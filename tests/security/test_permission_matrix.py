"""Who may read and write what, for every URL the project serves, for every role.

Every admin URL (third-party views included: django-simple-history's history form, the axes
admin) and every endpoint is requested with GET and POST by anonymous visitors, Commissiestaf,
Griffie, staff without a group and a superuser, and the answers are checked against the rules
below. A URL the walk does not know fails the test, so a new view cannot slip through.
"""

import datetime
import uuid

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from commitments.auth import COMMISSIESTAF, GRIFFIE
from commitments.models import (
    EXPORT_TABLES,
    Commitment,
    DeadlineRederivation,
    Ministry,
    Recess,
    SyncConflict,
    SyncState,
)
from tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    MotionFactory,
    OfficeFactory,
    RecipientFactory,
    UserFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "commissiestaf", "griffie", "staff_without_group", "superuser"]
# Models archived instead of deleted: nobody deletes them.
ARCHIVED_NOT_DELETED = {"commitment", "motion", "document"}
# Records the open-data sync (or the application) owns: viewed in the admin, never added, changed or
# deleted there.
SYNC_OWNED = {"vote", "syncstate", "syncconflict", "deadlinerederivation"}
DENIED = (302, 403)  # 302 only when it is the login page


def _all_url_names(patterns=None, namespace=""):
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _all_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def records():
    office = OfficeFactory(ministry=Ministry.objects.get_or_create(abbreviation="VWS", defaults={"name": "VWS"})[0])
    commitment = CommitmentFactory(ministry=office.ministry, office=office, due_date=datetime.date(2026, 1, 1))
    RecipientFactory(commitment=commitment)
    MotionFactory()
    DocumentFactory()
    ActivityFactory()
    CommitteeFactory(abbreviation="CW")
    VoteFactory()
    SyncState.objects.create(entity="Zaak", summary={"created": 1, "skipped": {"no motion": 2}})
    SyncConflict.objects.create(
        entity="Zaak",
        tk_id=uuid.uuid4(),
        record="2024Z11440",
        admin_url="/admin/",
        field="title",
        local_value="a",
        kamer_value="b",
        seen_at=timezone.now(),
    )
    DeadlineRederivation.objects.create(reason="controle")
    Recess.objects.create(
        chamber="TK",
        kind="zomerreces",
        start=datetime.date(2031, 7, 4),
        end=datetime.date(2031, 8, 31),
        confidence=Recess.Confidence.VERIFIED,
    )
    return commitment


def _clients():
    def logged_in(username, **kwargs):
        groups = kwargs.pop("groups", None)
        user = UserFactory(username=username, groups=groups, **kwargs)
        user.save()
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    anonymous = Client()
    anonymous.user = None
    return {
        "anonymous": anonymous,
        "commissiestaf": logged_in("m-staf", groups=[COMMISSIESTAF]),
        "griffie": logged_in("m-griffie", groups=[GRIFFIE]),
        "staff_without_group": logged_in("m-staff"),
        "superuser": logged_in("m-super", is_superuser=True),
    }


def _has(user, model, action):
    if user is None:
        return False
    return user.has_perm(f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}")


def _admin_model_urls():
    """(url name, url, model, kind) for every registered ModelAdmin's views on a stored object."""
    urls = []
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = model._base_manager.order_by("pk").first()
        urls.append((f"{info}_changelist", reverse(f"{info}_changelist"), model, "changelist"))
        urls.append((f"{info}_add", reverse(f"{info}_add"), model, "add"))
        if obj is not None:
            for view in ("change", "delete", "history"):
                urls.append((f"{info}_{view}", reverse(f"{info}_{view}", args=[obj.pk]), model, view))
            if hasattr(model, "history"):
                rows = model.history.filter(**{model._meta.pk.attname: obj.pk})
                if not rows.exists():
                    obj.save()  # rows loaded by a data migration have no history yet
                history_id = rows.latest().history_id
                name = f"{info}_simple_history"
                urls.append((name, reverse(name, args=[obj.pk, history_id]), model, "history_form"))
    return urls


def _expected_admin(role, user, model, kind, method):
    """The rule for a ModelAdmin view: the answer codes allowed for `role`."""
    if role == "anonymous":
        return {302}
    if role == "staff_without_group":
        return {403}
    can_view = _has(user, model, "view") or _has(user, model, "change")
    can_change = _has(user, model, "change")
    if kind == "history_form":
        # Read-only for everyone: history is never written through the admin.
        return {200} if method == "GET" and can_view else {403}
    if model._meta.model_name in SYNC_OWNED:
        if kind in ("changelist", "change", "history") and (method == "GET" or kind != "change"):
            return ({200} if method == "GET" or kind == "history" else {200, 302}) if can_view else {403}
        return {403}  # add, delete, and saving a change: refused to everyone, superusers too
    if kind in ("changelist", "history", "change"):
        if method == "GET":
            return {200} if can_view else {403}
        if kind == "changelist":
            # POST on a changelist runs an action (or saves list_editable): refused without change
            # permission (the action list is empty: 200 with "no action selected" is the form again).
            return {200, 302} if can_view else {403}
        if kind == "history":
            return {200} if can_view else {403}  # the history page only reads
        return {302, 200} if can_change else {403}
    if kind == "add":
        if model._meta.app_label == "axes":
            return {403}  # sign-in records are written by django-axes alone
        return {200, 302} if _has(user, model, "add") else {403}
    if kind == "delete":
        if model._meta.model_name in ARCHIVED_NOT_DELETED:
            return {403}
        return {200, 302} if _has(user, model, "delete") else {403}
    raise AssertionError(kind)


def _other_urls(commitment):
    """(url name, url, rule) for every URL outside the ModelAdmins. A rule maps (role, method) to codes."""

    def public(role, method):
        return {200} if method == "GET" else {405}

    def staff_read(role, method):
        if method == "POST":
            return {405}  # read-only pages refuse POST before anything else
        if role == "anonymous":
            return {302}
        return {200} if role in ("commissiestaf", "griffie", "superuser") else {403}

    def staff_write(role, method):
        if role == "anonymous":
            return {302}
        if role in ("griffie", "superuser"):
            return {200}  # GET: the screen; POST without rows: the screen with its errors
        return {403}

    def admin_page(role, method):
        if role == "anonymous":
            return {302}
        return {200}

    def admin_read_only_page(role, method):
        if role == "anonymous":
            return {302}
        return {200} if method == "GET" else {405}

    def admin_login(role, method):
        return {200, 302}

    def admin_logout(role, method):
        return {200, 302, 405} if method == "GET" else {200, 302}

    def admin_app(role, method):
        if role == "anonymous":
            return {302}
        return {200} if role in ("commissiestaf", "griffie", "superuser") else {404}

    def set_language(role, method):
        return {302}

    def health(role, method):
        return {200} if method == "GET" else {405}

    def autocomplete(role, method):
        # Without the parameters it needs, the autocomplete refuses (403) whoever asks.
        return {302} if role == "anonymous" else {403, 405}

    def view_on_site(role, method):
        return {302} if role == "anonymous" else {302, 404}

    from commitments.models import Document, Motion, Person

    document = Document.objects.order_by("pk").first()
    motion = Motion.objects.order_by("pk").first()
    person = Person.objects.order_by("pk").first()
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Commitment)
    from django.contrib.auth import get_user_model

    some_user = get_user_model().objects.order_by("pk").first()

    def user_password(role, method):
        # Setting another user's password: only who may change users (the superuser).
        if role == "anonymous":
            return {302}
        return {200} if role == "superuser" else {403}

    def api_read(role, method):
        # Read-only resources: public; a POST is refused, 401 without credentials, 403 with.
        if method == "GET":
            return {200}
        return {401} if role == "anonymous" else {403}

    def api_write(role, method):
        # Writes take token authentication only: a browser session (or nothing) is 401.
        return {401}

    def signed_in_page(role, method):
        if role == "anonymous":
            return {302}
        return {200} if method == "GET" else {405}

    def signed_in_action(role, method):
        # A user's own follows and subscriptions: POST only, then back to the page.
        if role == "anonymous":
            return {302}
        return {405} if method == "GET" else {302}

    def own_subscription(role, method):
        # Someone else's (or no) subscription: not found, whoever asks.
        if role == "anonymous":
            return {302}
        return {405} if method == "GET" else {404}

    def bad_unsubscribe_token(role, method):
        return {404}

    def letter_received(role, method):
        # The griffie's "brief ontvangen" screen: registering and closing needs change permission.
        if role == "anonymous":
            return {302}
        return {200} if role in ("griffie", "superuser") else {403}

    letter = Document.objects.order_by("pk").first()
    api = [
        ("api:api-root", "/api/v1/", api_read),
        ("api:commitment-list", reverse("api:commitment-list"), api_read),
        ("api:commitment-detail", reverse("api:commitment-detail", args=[commitment.pk]), api_read),
        ("api:motion-list", reverse("api:motion-list"), api_read),
        ("api:motion-detail", reverse("api:motion-detail", args=[motion.identifier]), api_read),
        ("api:document-list", reverse("api:document-list"), api_read),
        ("api:document-detail", reverse("api:document-detail", args=[letter.identifier]), api_read),
        ("api:dossier-list", reverse("api:dossier-list"), api_read),
        ("api:dossier-detail", reverse("api:dossier-detail", args=[letter.dossier.slug]), api_read),
        ("api:person-list", reverse("api:person-list"), api_read),
        ("api:person-detail", reverse("api:person-detail", args=[person.pk]), api_read),
        ("api:ministry-list", reverse("api:ministry-list"), api_read),
        ("api:ministry-detail", reverse("api:ministry-detail", args=["VWS"]), api_read),
        ("api:committee-list", reverse("api:committee-list"), api_read),
        ("api:committee-detail", reverse("api:committee-detail", args=["CW"]), api_read),
        ("api:schema", reverse("api:schema"), api_read),
        ("api:docs", reverse("api:docs"), api_read),
        ("api:redoc", reverse("api:redoc"), api_read),
        ("api:letter-register", reverse("api:letter-register"), api_write),
        ("api:letter-close", reverse("api:letter-close", args=[letter.identifier]), api_write),
    ]
    return [
        *api,
        ("commitments:motion_index", reverse("commitments:motion_index"), public),
        ("commitments:dossier_index", reverse("commitments:dossier_index"), public),
        ("commitments:person_index", reverse("commitments:person_index"), public),
        ("commitments:ministry_index", reverse("commitments:ministry_index"), public),
        ("commitments:committee_index", reverse("commitments:committee_index"), public),
        ("commitments:subscriptions", reverse("commitments:subscriptions"), signed_in_page),
        ("commitments:follow", reverse("commitments:follow", args=[commitment.pk]), signed_in_action),
        ("commitments:subscribe", reverse("commitments:subscribe"), signed_in_action),
        ("commitments:subscription_delete", reverse("commitments:subscription_delete", args=[999]), own_subscription),
        ("commitments:unsubscribe", reverse("commitments:unsubscribe", args=["not-a-token"]), bad_unsubscribe_token),
        (
            "admin:commitments_document_letter_received",
            reverse("admin:commitments_document_letter_received"),
            letter_received,
        ),
        (
            "admin:auth_user_password_change",
            reverse("admin:auth_user_password_change", args=[some_user.pk]),
            user_password,
        ),
        ("commitments:dashboard", "/", public),
        ("commitments:commitment_list", "/toezeggingen/", public),
        ("commitments:commitment_export", "/toezeggingen/export.csv", public),
        ("commitments:deadlines_ics", "/toezeggingen/deadlines.ics", public),
        ("commitments:changes_atom", "/toezeggingen/feed.atom", public),
        ("commitments:commitment", commitment.get_absolute_url(), public),
        ("commitments:motion_export", "/moties/export.csv", public),
        ("commitments:motion", motion.get_absolute_url(), public),
        ("commitments:document", document.get_absolute_url(), public),
        ("commitments:dossier", reverse("commitments:dossier", args=[document.dossier.slug]), public),
        ("commitments:person", reverse("commitments:person", args=[person.pk]), public),
        ("commitments:ministry", reverse("commitments:ministry", args=["VWS"]), public),
        ("commitments:committee", reverse("commitments:committee", args=["CW"]), public),
        ("commitments:rappel_index", reverse("commitments:rappel_index"), staff_read),
        ("commitments:rappel_ministry", reverse("commitments:rappel_ministry", args=["VWS"]), staff_read),
        ("commitments:rappel_export", reverse("commitments:rappel_export", args=["VWS"]), staff_read),
        ("commitments:rappel_decisions", reverse("commitments:rappel_decisions", args=["VWS"]), staff_write),
        ("healthz", "/healthz", health),
        ("set_language", reverse("set_language"), set_language),
        ("admin:index", reverse("admin:index"), admin_page),
        ("admin:app_list", reverse("admin:app_list", args=["commitments"]), admin_app),
        ("admin:login", reverse("admin:login"), admin_login),
        ("admin:password_change", reverse("admin:password_change"), admin_page),
        ("admin:password_change_done", reverse("admin:password_change_done"), admin_read_only_page),
        ("admin:jsi18n", reverse("admin:jsi18n"), admin_read_only_page),
        ("admin:autocomplete", reverse("admin:autocomplete"), autocomplete),
        ("admin:view_on_site", reverse("admin:view_on_site", args=[content_type.pk, commitment.pk]), view_on_site),
        # Last: a POST here signs the client out.
        ("admin:logout", reverse("admin:logout"), admin_logout),
    ]


def test_the_matrix_knows_every_url(records):
    _clients()  # the users some URLs name
    covered = {name for name, *_ in _admin_model_urls()} | {name for name, *_ in _other_urls(records)}
    # The admin's unnamed catch-all only redirects to the login page or answers 404.
    unknown = sorted(_all_url_names() - covered - {"admin:None"})
    # The per-object admin views of models without a stored row are checked through the others.
    unknown = [name for name in unknown if not _admin_view_of_empty_model(name)]
    assert unknown == [], "URLs the permission matrix does not know: add them with their rule"


# One test per role and method, so the suite's workers share the walk.
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_every_role_as_the_rules_say(records, role, method):
    client = _clients()[role]
    wrong = []
    for name, url, model, kind in _admin_model_urls():
        expected = _expected_admin(role, client.user, model, kind, method)
        code = _request(client, method, url)
        if code not in expected:
            wrong.append(f"{role} {method} {url} ({name}): {code}, expected {sorted(expected)}")
    for name, url, rule in _other_urls(records):
        expected = rule(role, method)
        code = _request(client, method, url)
        if code not in expected:
            wrong.append(f"{role} {method} {url} ({name}): {code}, expected {sorted(expected)}")
    assert wrong == [], "\n".join(wrong)


def _admin_view_of_empty_model(name):
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(info) and not model._base_manager.exists():
            return True
    return False


def _request(client, method, url):
    if method == "GET":
        return client.get(url).status_code
    # A POST with no fields: enough to reach each view's permission check (forms would be invalid).
    return client.post(url, {}).status_code


def test_no_role_without_change_permission_changes_anything_by_posting(records):
    """The matrix above checks codes; this checks the data: non-writers' POSTs leave every table as it was."""
    clients = _clients()

    def fingerprint():
        return {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.app_label in ("commitments", "auth") and model not in EXPORT_TABLES
        }

    urls = _admin_model_urls()
    before = fingerprint()
    for role in ("anonymous", "commissiestaf", "staff_without_group"):
        client = clients[role]
        for _, url, model, _kind in urls:
            obj = model._base_manager.order_by("pk").first()
            client.post(url, _form_data(obj) if obj is not None else {})
    assert fingerprint() == before
    records.refresh_from_db()
    assert records.due_date == datetime.date(2026, 1, 1)


def _form_data(obj):
    """The object's own field values, changed a little: what an attacker would post."""
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if value is None or field.primary_key:
            continue
        data[field.attname.removesuffix("_id") if field.is_relation else field.name] = (
            value.isoformat() if hasattr(value, "isoformat") else str(value)
        )
    if "due_date" in data:
        data["due_date"] = "2099-01-01"
        data["deadline_reason"] = "poging"
    data["action"] = "delete_selected"
    data["_selected_action"] = [obj.pk]
    data["post"] = "yes"
    return data
